import { z } from 'zod';
import { type ChannelThresholds, defaultChannelThresholds } from '../interfaces/channel-rules.js';
import { type Fixes, int, text } from './fields.js';

const engines = ['none', 'mirth'] as const;

/** The interface engine (HL7 channels) `/pacs interfaces` and the monitor read: which one, its account, thresholds. */
export const interfacesSchema = z.object({
  INTERFACE_ENGINE: text
    .transform((v) => (v ?? 'none').toLowerCase())
    .pipe(z.enum(engines, { error: (issue) => `"${String(issue.input)}" is not an interface engine` })),
  MIRTH_URL: text,
  MIRTH_USER: text,
  MIRTH_PASSWORD: text,
  INTERFACE_ERROR_THRESHOLD: int(defaultChannelThresholds.erroredGrowth, 1, 1_000_000),
  INTERFACE_ERROR_WINDOW_MINUTES: int(defaultChannelThresholds.errorWindowMinutes, 1, 10_080),
  INTERFACE_SILENT_MINUTES: int(defaultChannelThresholds.silentMinutes, 1, 10_080),
});
type InterfacesEnv = z.infer<typeof interfacesSchema>;

export const interfacesFixes = {
  INTERFACE_ENGINE: `use one of ${engines.join(', ')}`,
  INTERFACE_ERROR_THRESHOLD: 'use a whole number of new errors per channel (1 or more)',
  INTERFACE_ERROR_WINDOW_MINUTES: 'use whole minutes between 1 and 10080 (a week)',
  INTERFACE_SILENT_MINUTES: 'use whole minutes between 1 and 10080 (a week)',
} satisfies Fixes<InterfacesEnv>;

/** NextGen Connect (Mirth Connect): the server's base URL (the REST API is under `/api`) and a read-only user. */
export interface MirthSettings {
  url: string;
  user: string;
  password: string;
}

/** Unset (`none`): `/pacs interfaces` says so and the monitor leaves interfaces alone. */
export type InterfacesSection =
  | { engine: 'none'; thresholds: ChannelThresholds }
  | { engine: 'mirth'; mirth: MirthSettings; thresholds: ChannelThresholds };

const required = [
  ['MIRTH_URL', 'the NextGen Connect server, e.g. https://mirth.hospital.local:8443'],
  ['MIRTH_USER', 'a Mirth user that may view the dashboard and messages (no other permission is needed)'],
  ['MIRTH_PASSWORD', "that user's password"],
] as const satisfies ReadonlyArray<readonly [keyof InterfacesEnv, string]>;

const isHttpUrl = (value: string) => {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** With INTERFACE_ENGINE=mirth each Mirth variable is required; plain http:// is checked with the other URLs. */
export function toInterfaces(e: InterfacesEnv, problems: string[]): InterfacesSection {
  const thresholds: ChannelThresholds = {
    ...defaultChannelThresholds,
    erroredGrowth: e.INTERFACE_ERROR_THRESHOLD,
    errorWindowMinutes: e.INTERFACE_ERROR_WINDOW_MINUTES,
    silentMinutes: e.INTERFACE_SILENT_MINUTES,
  };
  if (e.INTERFACE_ENGINE === 'none') return { engine: 'none', thresholds };
  for (const [name, fix] of required) {
    const value = e[name];
    if (!value) problems.push(`${name}: required with INTERFACE_ENGINE=mirth — fix: set it to ${fix}`);
    else if (name === 'MIRTH_URL' && !isHttpUrl(value))
      problems.push(`${name}: not an http(s) URL — fix: set it to ${fix}`);
  }
  return {
    engine: 'mirth',
    mirth: { url: e.MIRTH_URL ?? '', user: e.MIRTH_USER ?? '', password: e.MIRTH_PASSWORD ?? '' },
    thresholds,
  };
}
