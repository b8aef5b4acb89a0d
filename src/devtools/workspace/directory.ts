import { BOT_NAME, BOT_USER_ID } from './ids.js';
import { CHANNELS, PERSONAS, type Persona, USERGROUPS } from './seed.js';

/** A channel or DM of the seeded workspace. */
export interface ChannelInfo {
  id: string;
  name: string;
  isIm: boolean;
  /** For a DM: the person talking with the bot. */
  user?: string;
  members: string[];
  purpose: string;
}

const everyone = [...PERSONAS.map((p) => p.id), BOT_USER_ID];

export const ALL_CHANNELS: readonly ChannelInfo[] = [
  ...CHANNELS.map((c) => ({ id: c.id, name: c.name, isIm: false, members: everyone, purpose: c.purpose })),
  ...PERSONAS.map((p) => ({ id: p.dm, name: p.dm, isIm: true, user: p.id, members: [p.id, BOT_USER_ID], purpose: '' })),
];

/** A persona by persona name (`clinician`), user name (`casey.clinician`) or user ID. */
export function findPersona(nameOrId: string): Persona | undefined {
  const key = nameOrId.trim().replace(/^@/, '');
  return PERSONAS.find((p) => p.persona === key || p.id === key || p.name === key);
}

export function isKnownUser(id: string): boolean {
  return id === BOT_USER_ID || PERSONAS.some((p) => p.id === id);
}

/**
 * A channel by ID, by name (with or without `#`), or `dm` (that user's DM with the bot).
 * A user ID also resolves to its DM, as chat.postMessage does on Slack.
 */
export function findChannel(nameOrId: string, user?: string): ChannelInfo | undefined {
  const key = nameOrId.trim().replace(/^#/, '');
  if (key === 'dm') {
    const p = user ? findPersona(user) : undefined;
    return p ? ALL_CHANNELS.find((c) => c.user === p.id) : undefined;
  }
  const byUser = PERSONAS.find((p) => p.id === key);
  if (byUser) return ALL_CHANNELS.find((c) => c.user === byUser.id);
  return ALL_CHANNELS.find((c) => c.id === key || (!c.isIm && c.name === key));
}

export function findUsergroup(idOrHandle: string) {
  return USERGROUPS.find((g) => g.id === idOrHandle || g.handle === idOrHandle.replace(/^@/, ''));
}

/**
 * What a person types → what Slack stores: `@pacs-desk` → `<@BOT>`, `@alex.associate` / `@associate`
 * → `<@U…>`, `@pacs-admins` → `<!subteam^S…|@pacs-admins>`, `#radiology-help` → `<#C…|radiology-help>`.
 */
export function encodeTyped(text: string): string {
  return text
    .replace(/(^|[\s(])@([a-z0-9][a-z0-9._-]*[a-z0-9])/gi, (whole, pre: string, name: string) => {
      if (name.toLowerCase() === BOT_NAME) return `${pre}<@${BOT_USER_ID}>`;
      const group = findUsergroup(name);
      if (group) return `${pre}<!subteam^${group.id}|@${group.handle}>`;
      if (name === 'here' || name === 'channel' || name === 'everyone') return `${pre}<!${name}>`;
      const p = findPersona(name);
      return p ? `${pre}<@${p.id}>` : whole;
    })
    .replace(/(^|[\s(])#([a-z0-9][a-z0-9_-]*)/gi, (whole, pre: string, name: string) => {
      const c = ALL_CHANNELS.find((x) => !x.isIm && x.name === name);
      return c ? `${pre}<#${c.id}|${c.name}>` : whole;
    });
}
