import { describeCharProblem, findCharProblem } from './char-problems.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk } from './input-result.js';

/** How one kind of identifier is checked: an allow-list pattern, a length cap and a hint for the message. */
export interface IdentifierRule {
  /** Must match the whole (NFKC-normalised) value. */
  pattern: RegExp;
  maxLength: number;
  /** Completes "may only contain …". */
  hint: string;
}

/** Allow-list defaults, so wildcards and query syntax never reach the PACS: accession ≤16, MRN ≤64, letters, digits and dashes. */
export const defaultIdentifierRules = {
  accession: { pattern: /^[A-Za-z0-9-]{1,16}$/, maxLength: 16, hint: 'letters A–Z, digits and dashes (up to 16)' },
  mrn: { pattern: /^[A-Za-z0-9-]{1,64}$/, maxLength: 64, hint: 'letters A–Z, digits and dashes (up to 64)' },
} as const satisfies Record<string, IdentifierRule>;

const kinds = {
  accession: { label: 'accession', reason: InputReason.InvalidAccession },
  mrn: { label: 'MRN', reason: InputReason.InvalidMrn },
} as const;

function matchesWhole(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  const match = pattern.exec(value);
  pattern.lastIndex = 0;
  return match !== null && match.index === 0 && match[0] === value;
}

function validateIdentifier(kind: keyof typeof kinds, raw: string, rule: IdentifierRule): InputResult<string> {
  const { label, reason } = kinds[kind];
  const fail = (problem: InputProblem, message: string) => inputFail<string>(reason, problem, message);
  const tooLong = (n: number) =>
    fail(InputProblem.TooLong, `That ${label} is ${n} characters long; the most allowed is ${rule.maxLength}.`);
  const trimmed = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (trimmed === '') return fail(InputProblem.Empty, `Give an ${label}.`);
  // A cheap cap before normalising, so a 10 kB argument costs nothing.
  if (trimmed.length > rule.maxLength * 4) return tooLong(trimmed.length);
  const value = trimmed.normalize('NFKC');
  const bad = findCharProblem(value);
  if (bad) return fail(bad.problem, describeCharProblem(label, bad));
  const length = Array.from(value).length;
  if (length > rule.maxLength) return tooLong(length);
  if (!matchesWhole(rule.pattern, value))
    return fail(InputProblem.Pattern, `An ${label} may only contain ${rule.hint}.`);
  return inputOk(value);
}

/**
 * Validates an accession number after NFKC normalisation (fullwidth digits become ASCII; invisible,
 * control, wildcard and query characters are refused).
 *
 * @example `validateAccession('ＡＣＣ１２３')` → `{ ok: true, value: 'ACC123' }`
 */
export function validateAccession(raw: string, rule: IdentifierRule = defaultIdentifierRules.accession) {
  return validateIdentifier('accession', raw, rule);
}

/**
 * Validates a patient ID (MRN) the same way as {@link validateAccession}.
 *
 * @example `validateMrn('SYN-PAT-001')` → `{ ok: true, value: 'SYN-PAT-001' }`
 */
export function validateMrn(raw: string, rule: IdentifierRule = defaultIdentifierRules.mrn) {
  return validateIdentifier('mrn', raw, rule);
}
