/**
 * The outcome of validating one piece of user input. `reason` is a stable code the audit trail records;
 * `message` is safe to show: it never repeats the whole input (at most a short, escaped prefix).
 */
export const InputReason = {
  InvalidAccession: 'invalid_accession',
  InvalidMrn: 'invalid_mrn',
  UnknownSite: 'unknown_site',
  UnknownAlias: 'unknown_alias',
  Usage: 'usage',
} as const;
export type InputReason = (typeof InputReason)[keyof typeof InputReason];

/** What exactly was wrong, for tests and logs (the audit trail keys on `reason`). */
export const InputProblem = {
  Empty: 'empty',
  TooLong: 'too_long',
  Nul: 'nul',
  Control: 'control',
  Invisible: 'invisible',
  Whitespace: 'whitespace',
  Wildcard: 'wildcard',
  QuerySyntax: 'query_syntax',
  Encoded: 'encoded',
  Pattern: 'pattern',
  Unknown: 'unknown',
  Usage: 'usage',
} as const;
export type InputProblem = (typeof InputProblem)[keyof typeof InputProblem];

/** Success carries the normalised value; failure a safe message and a stable reason. */
export type InputResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; reason: InputReason; problem: InputProblem };

/** @example `inputOk('ACC1')` → `{ ok: true, value: 'ACC1' }` */
export function inputOk<T>(value: T): InputResult<T> {
  return { ok: true, value };
}

/** @example `inputFail('usage', 'usage', 'Usage: study ACCESSION [site]')` */
export function inputFail<T = never>(reason: InputReason, problem: InputProblem, message: string): InputResult<T> {
  return { ok: false, message, reason, problem };
}

/**
 * A short, escaped prefix of untrusted text for messages: at most `max` characters, anything but
 * `[A-Za-z0-9._:-]` shown as `\u{…}` so nothing can mention, link, inject or hide characters.
 *
 * @example `previewInput('<!here>x', 4)` → `'\u{3c}\u{21}he…'`
 */
export function previewInput(raw: string, max = 12): string {
  const chars = Array.from(raw);
  const shown = chars
    .slice(0, max)
    .map((c) => (/^[A-Za-z0-9._:-]$/.test(c) ? c : `\\u{${c.codePointAt(0)?.toString(16)}}`))
    .join('');
  return chars.length > max ? `${shown}…` : shown;
}
