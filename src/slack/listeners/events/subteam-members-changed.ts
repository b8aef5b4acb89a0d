import type { App } from '@slack/bolt';
import type { RoleResolver } from '../../roles/role-resolver.js';

/**
 * Keeps the role cache current when someone joins or leaves the associate or admin group. Slack sends the event to
 * one replica; the resolver's `onMembersChanged` (wired to the bus by `wireFanOut`) makes the others re-read it.
 */
export function registerSubteamMembersChanged(app: App, roles: RoleResolver): void {
  app.event('subteam_members_changed', async ({ event }) => {
    roles.membersChanged(event.subteam_id, event.added_users ?? [], event.removed_users ?? []);
  });
}
