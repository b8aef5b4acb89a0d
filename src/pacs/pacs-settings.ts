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
  /** Checklist P8: more studies than this match and no list is shown (`PACS_MAX_MATCHES`). */
  maxMatches: number;
  /** Our AE title for direct DIMSE. */
  callingAet: string;
}

export const pacsDefaults = {
  accessionPattern: '^[A-Za-z0-9-]{1,16}$',
  mrnPattern: '^[A-Za-z0-9-]{1,64}$',
  placeholderPatientIds: 'UNKNOWN,UNK,0,00000000,NOID,NONE,NA,N/A,TEMP,TEST',
  placeholderNames: '^(UNKNOWN|ANONYMOUS|TRAUMA|DOE|NONAME|NO NAME)\\b',
  timeoutMs: 10_000,
  echoTimeoutMs: 5000,
  callingAet: 'PACSDESK',
  maxMatches: 5,
} as const;

/** PACS_* settings shared by every site; appends problems like readPacsConfig. */
export function readPacsSettings(env: NodeJS.ProcessEnv, problems: string[]): PacsSettings {
  const v = (name: string) => env[name]?.trim() || undefined;
  const regex = (name: string, fallback: string, flags = '') => {
    try {
      return new RegExp(v(name) ?? fallback, flags);
    } catch {
      problems.push(`${name}: not a valid regular expression — fix: use a JavaScript regex, e.g. ${fallback}`);
      return new RegExp(fallback, flags);
    }
  };
  const ms = (name: string, fallback: number) => {
    const raw = v(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 100 || n > 300_000) {
      problems.push(`${name}: "${raw}" is not a timeout — fix: use milliseconds between 100 and 300000`);
      return fallback;
    }
    return n;
  };
  const allow = (v('PACS_ALLOW_WRITES') ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(allow)) {
    problems.push('PACS_ALLOW_WRITES: fix: use true (allow resubmit/cancel after confirmation) or false');
  }
  const rawMax = v('PACS_MAX_MATCHES');
  const maxMatches = rawMax === undefined ? pacsDefaults.maxMatches : Number(rawMax);
  if (!Number.isInteger(maxMatches) || maxMatches < 1 || maxMatches > 50) {
    problems.push(`PACS_MAX_MATCHES: "${rawMax}" is not a cap — fix: use a whole number from 1 to 50, e.g. 5`);
  }
  const callingAet = v('PACS_CALLING_AET') ?? pacsDefaults.callingAet;
  if (!/^[\x20-\x5b\x5d-\x7e]{1,16}$/.test(callingAet)) {
    problems.push('PACS_CALLING_AET: not an AE title — fix: use 1–16 characters without a backslash, e.g. PACSDESK');
  }
  return {
    accessionPattern: regex('PACS_ACCESSION_PATTERN', pacsDefaults.accessionPattern),
    mrnPattern: regex('PACS_MRN_PATTERN', pacsDefaults.mrnPattern),
    placeholderPatientIds: (v('PACS_PLACEHOLDER_IDS') ?? pacsDefaults.placeholderPatientIds)
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
    placeholderNamePattern: regex('PACS_PLACEHOLDER_NAMES', pacsDefaults.placeholderNames, 'i'),
    timeoutMs: ms('PACS_TIMEOUT_MS', pacsDefaults.timeoutMs),
    echoTimeoutMs: ms('PACS_ECHO_TIMEOUT_MS', pacsDefaults.echoTimeoutMs),
    allowWrites: ['true', '1', 'yes'].includes(allow),
    maxMatches: Number.isInteger(maxMatches) && maxMatches >= 1 && maxMatches <= 50 ? maxMatches : 5,
    callingAet,
  };
}
