import { z } from 'zod';
import { type Fixes, int, slackUserIds, userGroupId } from './fields.js';

/** Who is a PACS associate or an admin: user groups, extra user ids, and how long membership is trusted. */
export const rolesSchema = z.object({
  ROLE_ASSOCIATE_GROUP: userGroupId,
  ROLE_ADMIN_GROUP: userGroupId,
  ROLE_ASSOCIATE_USERS: slackUserIds,
  ROLE_ADMIN_USERS: slackUserIds,
  ROLE_CACHE_SECONDS: int(60, 5, 60),
});
type RolesEnv = z.infer<typeof rolesSchema>;

export const rolesFixes = {
  ROLE_ASSOCIATE_GROUP: 'use the user group id (S…), not its @handle',
  ROLE_ADMIN_GROUP: 'use the user group id (S…), not its @handle',
  ROLE_ASSOCIATE_USERS: 'comma-separated Slack user ids (U… or W…)',
  ROLE_ADMIN_USERS: 'comma-separated Slack user ids (U… or W…)',
  ROLE_CACHE_SECONDS: 'use seconds between 5 and 60 (a removed admin keeps the role at most this long)',
} satisfies Fixes<RolesEnv>;

export interface RolesSection {
  associateGroup?: string;
  adminGroup?: string;
  associateUsers: string[];
  adminUsers: string[];
  cacheSeconds: number;
}

export const toRoles = (e: RolesEnv): RolesSection => ({
  associateGroup: e.ROLE_ASSOCIATE_GROUP,
  adminGroup: e.ROLE_ADMIN_GROUP,
  associateUsers: e.ROLE_ASSOCIATE_USERS,
  adminUsers: e.ROLE_ADMIN_USERS,
  cacheSeconds: e.ROLE_CACHE_SECONDS,
});
