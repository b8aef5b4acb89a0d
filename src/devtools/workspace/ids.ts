import { randomBytes } from 'node:crypto';

/** Stable identifiers of the seeded workspace. */
export const TEAM_ID = 'T0PACSDESK';
export const TEAM_DOMAIN = 'pacs-desk-local';
export const TEAM_NAME = 'PACS Desk (local)';
export const APP_ID = 'A0PACSDESK';
export const BOT_USER_ID = 'U0PACSBOT';
export const BOT_ID = 'B0PACSBOT';
export const BOT_NAME = 'pacs-desk';
/** Legacy verification token Slack still puts in payloads; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'local-verification-token';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A random Slack-style id such as `V0A1B2C3D4` (prefix + 9 upper-case alphanumerics). */
export function randomId(prefix: string, length = 9): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Slack message timestamps: `seconds.micro6`, unique per workspace. */
export function formatTs(micros: number): string {
  const sec = Math.floor(micros / 1_000_000);
  return `${sec}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

export function parseTs(ts: string): number {
  const [sec = '0', frac = '0'] = ts.split('.');
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}
