import type { WebClient } from '@slack/web-api';
import { type Clock, systemClock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { Role } from '../../core/roles.js';
import { createPhiAccess, type PhiDecision, type PhiRequest } from './phi-access.js';

export interface RoleSettings {
  associateGroup?: string;
  adminGroup?: string;
  associateUsers: string[];
  adminUsers: string[];
  /** How long group membership (and a user's or channel's PHI eligibility) is trusted; at most 60 s. */
  cacheSeconds: number;
}

export interface RoleResolver {
  /** The role of the signed `user_id` of a request; never of a name or a mention in its text. */
  roleOf(userId: string): Promise<Role>;
  /** Applies a `subteam_members_changed` delta at once, without waiting for the cache to expire. */
  membersChanged(groupId: string, added: string[], removed: string[]): void;
  /** Calls `listener` with the group id after each `membersChanged` (to tell the other replicas); returns an unsubscribe. */
  onMembersChanged(listener: (groupId: string) => void): () => void;
  /** Forgets the cached members of `groupId` (of every group when absent): the next lookup asks Slack again. */
  invalidate(groupId?: string): void;
  /** Whether this person, in this channel, may see patient details at all (guests, external users, shared channels: no). */
  phiAccess(request: PhiRequest): Promise<PhiDecision>;
}

/**
 * Roles from Slack user groups (usergroups.users.list, Tier 2: cached, never called per request) plus
 * fixed user-id lists. Fails closed: once the cached membership has expired, a group Slack cannot list
 * gives its role to nobody (a removed admin must not keep the role while Slack is unreachable).
 */
export function createRoleResolver(
  client: WebClient,
  settings: RoleSettings,
  logger: Logger,
  now: Clock = systemClock,
): RoleResolver {
  const cache = new Map<string, { members: Set<string>; fetchedAt: number }>();
  const inFlight = new Map<string, Promise<Set<string>>>();
  const changeListeners = new Set<(groupId: string) => void>();
  // Bumped by invalidate(): a list that was requested before it must not refill the cache with old members.
  let generation = 0;
  const phi = createPhiAccess(client, settings.cacheSeconds, logger, now);

  async function members(groupId: string | undefined): Promise<Set<string>> {
    if (!groupId) return new Set();
    const cached = cache.get(groupId);
    if (cached && now() - cached.fetchedAt < settings.cacheSeconds * 1000) return cached.members;
    let pending = inFlight.get(groupId);
    if (!pending) {
      const asked = generation;
      pending = client.usergroups.users
        .list({ usergroup: groupId })
        .then((r) => {
          const set = new Set(r.users ?? []);
          if (asked === generation) cache.set(groupId, { members: set, fetchedAt: now() });
          return set;
        })
        .catch((error: unknown) => {
          // The expired list is not served: its members may have been removed meanwhile.
          cache.delete(groupId);
          logger.warn({ groupId, err: (error as Error).message }, 'could not read user group; denying its role');
          return new Set<string>();
        })
        .finally(() => {
          if (inFlight.get(groupId) === pending) inFlight.delete(groupId);
        });
      inFlight.set(groupId, pending);
    }
    return pending;
  }

  return {
    async roleOf(userId) {
      if (settings.adminUsers.includes(userId) || (await members(settings.adminGroup)).has(userId)) return Role.Admin;
      if (settings.associateUsers.includes(userId) || (await members(settings.associateGroup)).has(userId)) {
        return Role.Associate;
      }
      return Role.Requester;
    },
    membersChanged(groupId, added, removed) {
      const entry = cache.get(groupId);
      for (const u of added) entry?.members.add(u);
      for (const u of removed) entry?.members.delete(u);
      // Told even when this replica has no cached list: another replica may have one.
      for (const listener of [...changeListeners]) listener(groupId);
    },
    onMembersChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    invalidate(groupId) {
      generation += 1;
      for (const id of groupId === undefined ? [...cache.keys(), ...inFlight.keys()] : [groupId]) {
        cache.delete(id);
        inFlight.delete(id);
      }
    },
    phiAccess: (request) => phi.check(request),
  };
}
