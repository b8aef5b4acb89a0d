import { z } from 'zod';
import { aeTitle, bool, type Fixes, int, list, matching, regex, text } from './fields.js';

const defaults = {
  accessionPattern: '^[A-Za-z0-9-]{1,16}$',
  mrnPattern: '^[A-Za-z0-9-]{1,64}$',
  placeholderPatientIds: 'UNKNOWN,UNK,0,00000000,NOID,NONE,NA,N/A,TEMP,TEST',
  placeholderNames: '^(UNKNOWN|ANONYMOUS|TRAUMA|DOE|NONAME|NO NAME)\\b',
} as const;

/** `AET@host:port`: an AE title (no `@`, no backslash), a host name or IPv4 address, a port. */
const worklistPattern = /^([\x20-\x3f\x41-\x5b\x5d-\x7e]{1,16})@([A-Za-z0-9.-]{1,253}):(\d{1,5})$/;

const timeout = (fallback: number) => int(fallback, 100, 300_000, (raw) => `"${raw}" is not a timeout`);

/**
 * The PACS: a sites file (PACS_CONFIG) or one archive described by variables (PACS_KIND, PACS_URL, …), and
 * the check settings every site shares. The sites themselves are checked by src/pacs/pacs-config.ts.
 */
export const pacsSchema = z.object({
  PACS_CONFIG: text,
  PACS_KIND: text,
  PACS_URL: text,
  DICOMWEB_URL: text,
  PACS_USER: text,
  PACS_PASSWORD: text,
  PACS_TOKEN: text,
  PACS_SITE_ID: text,
  PACS_SITE_NAME: text,
  PACS_ECHO_ALIASES: list(),
  PACS_ACCESSION_PATTERN: regex(defaults.accessionPattern),
  PACS_MRN_PATTERN: regex(defaults.mrnPattern),
  PACS_PLACEHOLDER_IDS: list({ normalise: (id) => id.toUpperCase(), fallback: defaults.placeholderPatientIds }),
  PACS_PLACEHOLDER_NAMES: regex(defaults.placeholderNames, 'i'),
  PACS_TIMEOUT_MS: timeout(10_000),
  PACS_ECHO_TIMEOUT_MS: timeout(5000),
  PACS_ALLOW_WRITES: bool(false),
  PACS_MAX_MATCHES: int(5, 1, 50, (raw) => `"${raw}" is not a cap`),
  PACS_CALLING_AET: aeTitle('PACSDESK'),
  PACS_WORKLIST: matching(worklistPattern, 'is not AET@host:port'),
  PACS_WORKLIST_TIMEOUT_MS: timeout(5000),
  PACS_FETCH_TIMEOUT_MS: timeout(120_000),
});
export type PacsEnv = z.infer<typeof pacsSchema>;

const regexFix = (example: string) => `use a JavaScript regex, e.g. ${example}`;
const timeoutFix = 'use milliseconds between 100 and 300000';

export const pacsFixes = {
  PACS_ACCESSION_PATTERN: regexFix(defaults.accessionPattern),
  PACS_MRN_PATTERN: regexFix(defaults.mrnPattern),
  PACS_PLACEHOLDER_NAMES: regexFix(defaults.placeholderNames),
  PACS_TIMEOUT_MS: timeoutFix,
  PACS_ECHO_TIMEOUT_MS: timeoutFix,
  PACS_ALLOW_WRITES: 'use true (allow resubmit/cancel after confirmation) or false',
  PACS_MAX_MATCHES: 'use a whole number from 1 to 50, e.g. 5',
  PACS_CALLING_AET: 'use 1–16 characters without a backslash, e.g. PACSDESK',
  PACS_WORKLIST: 'give the worklist SCP as AE title, host and port, e.g. RISWL@ris.example:104',
  PACS_WORKLIST_TIMEOUT_MS: timeoutFix,
  PACS_FETCH_TIMEOUT_MS: timeoutFix,
} satisfies Fixes<PacsEnv>;

/** Checks-wide settings (env only). */
export interface PacsSettings {
  accessionPattern: RegExp;
  mrnPattern: RegExp;
  /** Patient ids that mean "not identified" (compared upper-case; a blank id always counts). */
  placeholderPatientIds: string[];
  placeholderNamePattern: RegExp;
  /** Per HTTP request to a PACS. */
  timeoutMs: number;
  echoTimeoutMs: number;
  allowWrites: boolean;
  /** More studies than this match and no list is shown, so a vague search cannot list patients (`PACS_MAX_MATCHES`). */
  maxMatches: number;
  /** Our AE title for direct DIMSE. */
  callingAet: string;
  /** One worklist lookup as a whole, DIMSE or REST (`PACS_WORKLIST_TIMEOUT_MS`). */
  worklistTimeoutMs: number;
  /** How long a confirmed fetch of a prior waits for the study to arrive before reporting it as still arriving. */
  fetchTimeoutMs: number;
}

export const toPacsSettings = (e: PacsEnv): PacsSettings => ({
  accessionPattern: e.PACS_ACCESSION_PATTERN,
  mrnPattern: e.PACS_MRN_PATTERN,
  placeholderPatientIds: e.PACS_PLACEHOLDER_IDS,
  placeholderNamePattern: e.PACS_PLACEHOLDER_NAMES,
  timeoutMs: e.PACS_TIMEOUT_MS,
  echoTimeoutMs: e.PACS_ECHO_TIMEOUT_MS,
  allowWrites: e.PACS_ALLOW_WRITES,
  maxMatches: e.PACS_MAX_MATCHES,
  callingAet: e.PACS_CALLING_AET,
  worklistTimeoutMs: e.PACS_WORKLIST_TIMEOUT_MS,
  fetchTimeoutMs: e.PACS_FETCH_TIMEOUT_MS,
});

/** PACS_WORKLIST belongs to the single-archive form: not with a sites file, not without an archive. */
export function worklistEnvProblems(e: PacsEnv): string[] {
  if (!e.PACS_WORKLIST) return [];
  if (e.PACS_CONFIG) {
    return [
      'PACS_WORKLIST: set together with PACS_CONFIG — fix: give the site worklist: { aet, host, port } in the PACS_CONFIG file, or unset it',
    ];
  }
  if (!e.PACS_URL && !e.PACS_KIND && !e.DICOMWEB_URL) {
    return ['PACS_WORKLIST: set without an archive — fix: set PACS_KIND and PACS_URL for the archive too'];
  }
  return [];
}

/** `RISWL@ris:104` → the sites file's `worklist` entry. */
function worklistInput(value: string | undefined): Record<string, unknown> | undefined {
  const m = value ? worklistPattern.exec(value) : null;
  return m ? { aet: m[1], host: m[2], port: m[3] } : undefined;
}

/** The single-archive form as a sites-file entry, checked by the same site schema. */
export function singleSiteInput(e: PacsEnv): Record<string, unknown> {
  const aliases = e.PACS_ECHO_ALIASES.map((a) => {
    const [alias = '', pacsName] = a.split('=').map((s) => s.trim());
    return { alias, via: 'pacs', pacsName: pacsName || alias };
  });
  return {
    id: e.PACS_SITE_ID ?? 'main',
    name: e.PACS_SITE_NAME,
    kind: (e.PACS_KIND ?? 'orthanc').toLowerCase(),
    restUrl: e.PACS_URL,
    dicomwebUrl: e.DICOMWEB_URL,
    auth: e.PACS_TOKEN
      ? { bearerToken: e.PACS_TOKEN }
      : e.PACS_USER
        ? { user: e.PACS_USER, password: e.PACS_PASSWORD ?? '' }
        : undefined,
    worklist: worklistInput(e.PACS_WORKLIST),
    aliases,
  };
}

const siteEnvKeys: Record<string, keyof PacsEnv> = {
  id: 'PACS_SITE_ID',
  name: 'PACS_SITE_NAME',
  kind: 'PACS_KIND',
  restUrl: 'PACS_URL',
  dicomwebUrl: 'DICOMWEB_URL',
  auth: 'PACS_PASSWORD',
  aliases: 'PACS_ECHO_ALIASES',
  worklist: 'PACS_WORKLIST',
};
/** The variable to fix for a site field of the single-archive form. */
export const siteEnvKey = (field: string): keyof PacsEnv => siteEnvKeys[field] ?? 'PACS_URL';
