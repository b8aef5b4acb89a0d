import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/logger.js';
import { Role } from '../../core/roles.js';

export interface RoleSettings {
  associateGroup?: string;
  adminGroup?: string;
  associateUsers: string[];
  adminUsers: string[];
  cacheSeconds: number;
}

export interface RoleResolver {
  roleOf(userId: string): Promise<Role>;
  /** Applies a `subteam_members_changed` delta at once, without waiting for the cache to expire. */
  membersChanged(groupId: string, added: string[], removed: string[]): void;
}

/**
 * Roles from Slack user groups (usergroups.users.list, Tier 2: cached, never called per request) plus
 * fixed user-id lists. Fails closed: if Slack cannot say who is in a group, nobody gets that group's role.
 */
export function createRoleResolver(
  client: WebClient,
  settings: RoleSettings,
  logger: Logger,
  now = Date.now,
): RoleResolver {
  const cache = new Map<string, { members: Set<string>; fetchedAt: number }>();
  const inFlight = new Map<string, Promise<Set<string>>>();

  async function members(groupId: string | undefined): Promise<Set<string>> {
    if (!groupId) return new Set();
    const cached = cache.get(groupId);
    if (cached && now() - cached.fetchedAt < settings.cacheSeconds * 1000) return cached.members;
    let pending = inFlight.get(groupId);
    if (!pending) {
      pending = client.usergroups.users
        .list({ usergroup: groupId })
        .then((r) => {
          const set = new Set(r.users ?? []);
          cache.set(groupId, { members: set, fetchedAt: now() });
          return set;
        })
        .catch((error: unknown) => {
          logger.warn({ groupId, err: (error as Error).message }, 'could not read user group; denying its role');
          return cached?.members ?? new Set<string>();
        })
        .finally(() => inFlight.delete(groupId));
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
      if (!entry) return;
      for (const u of added) entry.members.add(u);
      for (const u of removed) entry.members.delete(u);
    },
  };
}
