import { findUsergroup, isKnownUser } from '../directory.js';
import { ApiError, bool, str } from '../errors.js';
import { botProfile } from '../events.js';
import { BOT_ID, BOT_NAME, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, TEAM_NAME } from '../ids.js';
import { overridesOf } from '../overrides.js';
import { CREATED_AT, PERSONAS, USERGROUPS, userObject } from '../seed.js';
import type { MethodTable } from './common.js';

function usergroup(g: (typeof USERGROUPS)[number], includeUsers: boolean) {
  return {
    id: g.id,
    team_id: TEAM_ID,
    is_usergroup: true,
    is_subteam: true,
    name: g.name,
    description: `${g.name} of the PACS team`,
    handle: g.handle,
    is_external: false,
    date_create: CREATED_AT,
    date_update: CREATED_AT,
    date_delete: 0,
    auto_type: null,
    auto_provision: false,
    enterprise_subteam_id: '',
    created_by: PERSONAS[2]?.id,
    updated_by: PERSONAS[2]?.id,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(includeUsers ? { users: [...g.members] } : {}),
    user_count: g.members.length,
    channel_count: 0,
  };
}

/** auth.test, users.*, usergroups.*, bots.info. */
export const peopleMethods: MethodTable = {
  'auth.test': (_args, ctx) => ({
    url: `${ctx.url}/`,
    team: TEAM_NAME,
    user: BOT_NAME,
    team_id: TEAM_ID,
    user_id: BOT_USER_ID,
    bot_id: BOT_ID,
    is_enterprise_install: false,
  }),

  'api.test': (args) => ({ args }),

  'team.info': (_args, ctx) => ({ team: { id: TEAM_ID, name: TEAM_NAME, domain: TEAM_DOMAIN, url: `${ctx.url}/` } }),

  'bots.info': (args) => {
    if (str(args, 'bot') && str(args, 'bot') !== BOT_ID) throw new ApiError('bot_not_found');
    return { bot: { ...botProfile, user_id: BOT_USER_ID } };
  },

  'users.info': (args, ctx) => {
    const user = userObject(str(args, 'user') ?? '');
    if (!user) throw new ApiError('user_not_found');
    return { user: { ...user, ...overridesOf(ctx).users.get(String(user.id)) } };
  },

  'users.list': () => ({
    members: [BOT_USER_ID, ...PERSONAS.map((p) => p.id)].map((id) => userObject(id)),
    cache_ts: CREATED_AT,
    response_metadata: { next_cursor: '' },
  }),

  'users.lookupByEmail': (args) => {
    const p = PERSONAS.find((x) => `${x.name}@hospital.example` === str(args, 'email'));
    if (!p) throw new ApiError('users_not_found');
    return { user: userObject(p.id) };
  },

  'usergroups.list': (args) => ({ usergroups: USERGROUPS.map((g) => usergroup(g, bool(args, 'include_users'))) }),

  'usergroups.users.list': (args, ctx) => {
    const g = findUsergroup(str(args, 'usergroup') ?? '');
    if (!g) throw new ApiError('no_such_subteam');
    return { users: (overridesOf(ctx).usergroups.get(g.id) ?? g.members).filter(isKnownUser) };
  },
};
