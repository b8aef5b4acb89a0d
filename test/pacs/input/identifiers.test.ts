import { describe, expect, it } from 'vitest';
import { validateAccession, validateMrn } from '../../../src/pacs/input/identifiers.js';
import { previewInput } from '../../../src/pacs/input/input-result.js';

const long10k = 'A'.repeat(10_240);

// Checklist B2–B5: every input here must be refused before any PACS call.
const badAccessions: [label: string, input: string, problem: string][] = [
  ['B2 lone wildcard', '*', 'wildcard'],
  ['B2 trailing wildcard', 'A12*', 'wildcard'],
  ['B2 question mark', '?123', 'wildcard'],
  ['B2 URL-encoded star', '%2A', 'encoded'],
  ['B2 backslash (DICOM multi-value)', 'A1\\A2', 'query_syntax'],
  ['B2 comma list', 'A1,A2', 'query_syntax'],
  ['B2 caret and equals', 'A^B=C', 'query_syntax'],
  ['B3 ampersand injection', 'A123&PatientID=*', 'query_syntax'],
  ['B3 encoded ampersand', 'A123%26limit%3D1000', 'encoded'],
  ['B3 fragment', 'A123#x', 'query_syntax'],
  ['B3 inner space', 'A123 includefield=all', 'whitespace'],
  ['B4 17 characters', 'A1234567890123456', 'too_long'],
  ['B4 10 kB', long10k, 'too_long'],
  ['B5 zero-width space', 'A12\u200b34', 'invisible'],
  ['B5 RTL override', 'A12\u202e34', 'invisible'],
  ['B5 word joiner', 'A12\u206034', 'invisible'],
  ['B5 BOM', '\ufeffA1234', 'invisible'],
  ['B5 left-to-right mark', 'A1234\u200e', 'invisible'],
  ['B5 NUL', 'A12\u000034', 'nul'],
  ['B5 encoded NUL', 'A12%00', 'encoded'],
  ['B5 control character', 'A12\u000734', 'control'],
  ['B5 tab inside', 'A12\t34', 'whitespace'],
  ['B5 no-break space', 'A12\u00a034', 'whitespace'],
  ['B5 ideographic space', 'A12\u300034', 'whitespace'],
  ['B5 fullwidth asterisk', 'A12\uff0a', 'wildcard'],
  ['B5 emoji', 'A12😀', 'pattern'],
  ['B5 combining mark', 'A\u030112', 'pattern'],
  ['B5 non-Latin letters', 'АСС123', 'pattern'],
  ['dot', 'A1.2', 'pattern'],
  ['empty', '', 'empty'],
  ['blank', '   ', 'empty'],
];

describe('validateAccession', () => {
  it.each(badAccessions)('refuses %s with a message that does not echo the input', (_label, input, problem) => {
    const result = validateAccession(input);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_accession', problem });
    if (result.ok) return;
    expect(result.message.length).toBeGreaterThan(10);
    if (input.trim().length > 1) expect(result.message).not.toContain(input.trim());
    expect(result.message).not.toContain('A123');
    expect(result.message.length).toBeLessThan(200);
  });

  it.each([
    ['SYN0001', 'SYN0001'],
    ['  CT24-0012345 ', 'CT24-0012345'],
    ['ＳＹＮ００１', 'SYN001'],
    ['１２３４', '1234'],
    ['A123456789012345', 'A123456789012345'],
  ])('accepts %j as %j after NFKC', (input, value) => {
    expect(validateAccession(input)).toEqual({ ok: true, value });
  });

  it('tells where the offending character is and what to do', () => {
    const result = validateAccession('A12\u200b34');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/invisible.*U\+200B.*position 4.*Retype/);
  });

  it('applies a site-specific pattern', () => {
    const rule = { pattern: /^CT\d{6}$/, maxLength: 8, hint: 'CT and six digits' };
    expect(validateAccession('CT123456', rule).ok).toBe(true);
    expect(validateAccession('MR123456', rule)).toMatchObject({ ok: false, problem: 'pattern' });
    // A pattern cannot let a wildcard through: characters are refused before the pattern is tried.
    expect(validateAccession('CT*', { pattern: /.*/, maxLength: 8, hint: 'x' })).toMatchObject({ problem: 'wildcard' });
  });

  it('requires the whole value to match an unanchored pattern', () => {
    expect(validateAccession('xxCT1', { pattern: /CT\d/, maxLength: 8, hint: 'x' }).ok).toBe(false);
    expect(validateAccession('CT1', { pattern: /CT\d/g, maxLength: 8, hint: 'x' }).ok).toBe(true);
    expect(validateAccession('CT1', { pattern: /CT\d/g, maxLength: 8, hint: 'x' }).ok).toBe(true);
  });
});

describe('validateMrn', () => {
  it.each([
    ['a lone wildcard', '*', 'wildcard'],
    ['a trailing wildcard', 'SYN-PAT-00*', 'wildcard'],
    ['a PN separator', 'SYN^PAT', 'query_syntax'],
    ['65 characters', 'M'.repeat(65), 'too_long'],
    ['10 kB', long10k, 'too_long'],
    ['a zero-width joiner', 'SYN\u200dPAT', 'invisible'],
  ])('refuses %s', (_label, input, problem) => {
    const result = validateMrn(input);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_mrn', problem });
    if (!result.ok && input.length > 1) expect(result.message).not.toContain(input);
  });

  it('accepts up to 64 characters', () => {
    expect(validateMrn('M'.repeat(64)).ok).toBe(true);
    expect(validateMrn('SYN-PAT-001')).toEqual({ ok: true, value: 'SYN-PAT-001' });
  });
});

describe('previewInput', () => {
  it('escapes Slack control characters and truncates', () => {
    expect(previewInput('<!channel>')).toBe('\\u{3c}\\u{21}channel\\u{3e}');
    expect(previewInput('abcdefghijklmnop', 4)).toBe('abcd…');
    expect(previewInput('a\u202eb')).toBe('a\\u{202e}b');
  });
});
