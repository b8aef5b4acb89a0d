import type { WebClient } from '@slack/web-api';
import { type Clock, systemClock } from '../../../core/clock.js';
import type { Logger } from '../../../core/logger.js';

/**
 * Whether a user is in KB_OWNERS_GROUP, for the App Home gaps section. The group's members are cached for
 * `cacheSeconds` (usergroups.users.list is Tier 2: not once per Home open), one request at a time, and fail
 * closed: a group Slack cannot list has no members. Without a group, `otherwise` decides (e.g. the admins, as
 * for drafts); without both, nobody is an owner.
 */
export function createKbOwnerCheck(
  client: Pick<WebClient, 'usergroups'>,
  settings: { ownersGroup?: string; cacheSeconds: number; otherwise?: (userId: string) => Promise<boolean> },
  logger: Logger,
  now: Clock = systemClock,
): (userId: string) => Promise<boolean> {
  let cached: { members: Set<string>; at: number } | undefined;
  let pending: Promise<Set<string>> | undefined;
  async function members(group: string): Promise<Set<string>> {
    if (cached && now() - cached.at < settings.cacheSeconds * 1000) return cached.members;
    pending ??= client.usergroups.users
      .list({ usergroup: group })
      .then((r) => {
        cached = { members: new Set(r.users ?? []), at: now() };
        return cached.members;
      })
      .catch((error: unknown) => {
        cached = undefined;
        logger.warn({ groupId: group, err: (error as Error).message }, 'could not read KB owners group');
        return new Set<string>();
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }
  return async (userId) => {
    if (settings.ownersGroup) return (await members(settings.ownersGroup)).has(userId);
    return settings.otherwise ? settings.otherwise(userId) : false;
  };
}
