import type { Ctx } from './context.js';
import { findChannel, findPersona, findUsergroup } from './directory.js';
import { TestApiError } from './errors.js';
import type { Json } from './types.js';

/**
 * Test-only changes to what the Web API says about people, user groups and channels, per workspace:
 * a guest or external user, someone removed from a group, a Slack Connect channel, or a method that
 * fails as when Slack is unreachable. Nothing here is persisted.
 */
export interface DirectoryOverrides {
  /** user id → fields merged into the users.info user object */
  users: Map<string, Json>;
  /** user group id → its members */
  usergroups: Map<string, string[]>;
  /** channel id → fields merged into the conversations.info channel object */
  channels: Map<string, Json>;
  /** Web API method → the error it answers with (`hang`: no answer at all) */
  failing: Map<string, string>;
}

const byCtx = new WeakMap<Ctx, DirectoryOverrides>();

export function overridesOf(ctx: Ctx): DirectoryOverrides {
  let o = byCtx.get(ctx);
  if (!o) {
    o = { users: new Map(), usergroups: new Map(), channels: new Map(), failing: new Map() };
    byCtx.set(ctx, o);
  }
  return o;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const userId = (v: string) => findPersona(v)?.id ?? v;

/**
 * `POST /api/test/directory`, e.g. `{"user":"associate","set":{"is_restricted":true}}`,
 * `{"usergroup":"pacs-admins","users":[]}`, `{"channel":"radiology-help","set":{"is_ext_shared":true}}`,
 * `{"fail":"usergroups.users.list"}` (`"error"` optional; `"hang"` never answers), `{"restore":"usergroups.users.list"}`,
 * `{"reset":true}`.
 */
export async function testDirectory(ctx: Ctx, body: Json): Promise<Json> {
  const o = overridesOf(ctx);
  if (body.reset === true) for (const map of Object.values(o)) map.clear();
  if (typeof body.user === 'string') {
    const id = userId(body.user);
    o.users.set(id, { ...o.users.get(id), ...obj(body.set) });
  }
  if (typeof body.usergroup === 'string') {
    const group = findUsergroup(body.usergroup);
    if (!group) throw new TestApiError('no_such_subteam', `Unknown user group ${body.usergroup}`);
    const users = Array.isArray(body.users) ? body.users.filter((u): u is string => typeof u === 'string') : [];
    o.usergroups.set(group.id, users.map(userId));
  }
  if (typeof body.channel === 'string') {
    const channel = findChannel(body.channel);
    if (!channel) throw new TestApiError('channel_not_found', `Unknown channel ${body.channel}`);
    o.channels.set(channel.id, { ...o.channels.get(channel.id), ...obj(body.set) });
  }
  if (typeof body.fail === 'string')
    o.failing.set(body.fail, typeof body.error === 'string' ? body.error : 'fatal_error');
  if (typeof body.restore === 'string') o.failing.delete(body.restore);
  return { ok: true };
}
