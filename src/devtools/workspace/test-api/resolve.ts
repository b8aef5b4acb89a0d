import { type ChannelInfo, findChannel, findPersona } from '../directory.js';
import { TestApiError } from '../errors.js';
import type { Persona } from '../seed.js';
import type { Json } from '../types.js';

export function persona(body: Json): Persona {
  const p = typeof body.user === 'string' ? findPersona(body.user) : undefined;
  if (!p)
    throw new TestApiError(
      'user_not_found',
      `Unknown user ${String(body.user)}: use clinician, associate, admin or a user ID`,
    );
  return p;
}

export function channelFor(body: Json, p?: Persona): ChannelInfo {
  const c = typeof body.channel === 'string' ? findChannel(body.channel, p?.id) : undefined;
  if (!c)
    throw new TestApiError('channel_not_found', `Unknown channel ${String(body.channel)}: use a name, an ID or "dm"`);
  if (p && !c.members.includes(p.id)) throw new TestApiError('not_in_channel', `${p.persona} is not in ${c.name}`);
  return c;
}

export function optionalString(body: Json, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v ? v : undefined;
}
