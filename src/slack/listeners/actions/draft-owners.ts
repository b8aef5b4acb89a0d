import type { WebClient } from '@slack/web-api';
import { isAdmin } from '../../../core/roles.js';
import type { DraftSettings } from '../../../kb/drafts/draft-settings.js';
import type { RoleResolver } from '../../roles/role-resolver.js';

async function groupMembers(client: WebClient, group: string | undefined): Promise<string[]> {
  if (!group) return [];
  // Fails closed: a group Slack cannot list has no members, so nobody publishes on a stale list.
  const listed = await client.usergroups.users.list({ usergroup: group }).catch(() => undefined);
  return listed?.users ?? [];
}

/** Who reviews drafts: KB_OWNERS_GROUP's members, or the admins when no group is set. */
export async function draftReviewers(client: WebClient, settings: DraftSettings): Promise<string[]> {
  if (settings.ownersGroup) return groupMembers(client, settings.ownersGroup);
  return [...new Set([...settings.adminUsers, ...(await groupMembers(client, settings.adminGroup))])];
}

/** Whether `userId` may publish or discard drafts (asked of Slack at the click, not of the DM's recipient list). */
export async function mayReviewDrafts(
  client: WebClient,
  settings: DraftSettings,
  roles: RoleResolver,
  userId: string,
): Promise<boolean> {
  if (settings.ownersGroup) return (await groupMembers(client, settings.ownersGroup)).includes(userId);
  return isAdmin(await roles.roleOf(userId));
}
