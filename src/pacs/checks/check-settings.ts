import { defaultIdentifierRules, type IdentifierRule } from '../input/identifiers.js';

/** Tunables of the checks; the composition root builds them from config (`PACS_ALLOW_WRITES`, patterns). */
export interface CheckSettings {
  /** `PACS_ALLOW_WRITES`: side-effecting checks refuse unless this is true. */
  allowWrites: boolean;
  accession: IdentifierRule;
  mrn: IdentifierRule;
  /** More matches than this and no list is shown (the user is asked for a more specific identifier). */
  maxMatches: number;
  /** A study whose last instance arrived less than this long ago is still "arriving". */
  arrivingWindowMs: number;
  /** Patient IDs that mean "not identified" (compared trimmed, upper-cased). */
  placeholderIds: readonly string[];
  /** Patient names that mean "not identified". */
  placeholderName: RegExp;
  /** At most this many studies are fetched per site for the unidentified sweep. */
  sweepLimit: number;
  /** At most this many flagged studies are listed (all are counted). */
  maxFlaggedListed: number;
  /** Per-site budget for `status()`. */
  statusTimeoutMs: number;
  /** Window and cap of "recent failures" in the queue summary. */
  failureWindowMs: number;
  maxRecentFailures: number;
  /** At most this many prior studies are listed for one patient (all sites together). */
  maxPriors: number;
  /** A confirmed fetch waits this long for the study to arrive (`PACS_FETCH_TIMEOUT_MS`), polling every `fetchPollMs`. */
  fetchWaitMs: number;
  fetchPollMs: number;
}

/** Safe defaults: writes off, allow-list identifier patterns, N = 5. */
export const defaultCheckSettings: CheckSettings = {
  allowWrites: false,
  accession: defaultIdentifierRules.accession,
  mrn: defaultIdentifierRules.mrn,
  maxMatches: 5,
  arrivingWindowMs: 2 * 60_000,
  placeholderIds: ['UNKNOWN', '0', 'NOID', 'UNK'],
  placeholderName: /^(UNKNOWN|ANONYMOUS|TRAUMA|DOE)\b/i,
  sweepLimit: 10_000,
  maxFlaggedListed: 50,
  statusTimeoutMs: 5_000,
  failureWindowMs: 24 * 60 * 60_000,
  maxRecentFailures: 10,
  maxPriors: 50,
  fetchWaitMs: 120_000,
  fetchPollMs: 2_000,
};

/**
 * Fills in defaults.
 *
 * @example `checkSettings({ allowWrites: true }).maxMatches` → `5`
 */
export function checkSettings(overrides: Partial<CheckSettings> = {}): CheckSettings {
  return { ...defaultCheckSettings, ...overrides };
}

/**
 * True only when writes were switched on explicitly (`PACS_ALLOW_WRITES=true`).
 *
 * @example `writesAllowed({ allowWrites: false })` → `false`
 */
export function writesAllowed(settings: Pick<CheckSettings, 'allowWrites'> | undefined): boolean {
  return settings?.allowWrites === true;
}
