import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseEchoArgument,
  parseJobArgument,
  parseSiteArgument,
  parseSweepArgument,
} from '../../../src/pacs/input/command-arguments.js';
import { validateAccession, validateMrn } from '../../../src/pacs/input/identifiers.js';
import type { InputResult } from '../../../src/pacs/input/input-result.js';
import { resolveAlias, resolveSite } from '../../../src/pacs/input/sites.js';
import { parseStudyArgument } from '../../../src/pacs/input/study-argument.js';
import { siteConfig } from '../checks/fakes.js';

/**
 * Property-based fuzzing of every PACS argument parser, called directly (seeded and bounded, so a failure
 * reproduces): whatever people type, a parser returns a result instead of throwing, a failure's message
 * never repeats the input (at most a short escaped preview) and carries no markup or control characters,
 * and a success is a value the allow-list admits, so nothing raw reaches a QIDO query or a log.
 */
const runs = { numRuns: 200, seed: 0x8acd5 };

const siteIds = ['main', 'east'];
const sites = new Map([
  [
    'main',
    siteConfig('main', [
      { alias: 'ct3', via: 'pacs', pacsName: 'CT3', description: 'CT scanner 3' },
      { alias: 'storescp', via: 'direct', host: '127.0.0.1', port: 11112, aet: 'STORESCP' },
    ]),
  ],
  ['east', siteConfig('east', [])],
]);

/** Pieces attackers and tired clinicians type, mixed with arbitrary Unicode (astral, controls, lone surrogates). */
const hostile = fc.constantFrom(
  '*',
  'A12*',
  '?123',
  '%2A',
  '%00',
  '\u0000',
  'A1\\A2',
  'A1,A2',
  'A^B=C',
  '&PatientID=*',
  '%26limit%3D1000',
  '#x',
  'includefield=all',
  '<!channel>',
  '<@U0ADMIN01>',
  '<https://evil.example|x>',
  '\r\n{"level":30,"msg":"forged"}',
  '１２３４',
  'A12\u200b34',
  '\u202e',
  'e\u0301',
  '🩻',
  'mrn:',
  'MRN:',
  'acc:',
  'ｍｒｎ：',
  '--help',
  'main',
  'EAST',
  'ct3',
  '10.0.0.1:22',
  'localhost:6379',
  'evil.example.com',
  '104',
  '31',
  '0',
  'x'.repeat(300),
);
const piece = fc.oneof(
  hostile,
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
);
const input = fc
  .tuple(fc.array(piece, { maxLength: 6 }), fc.constantFrom(' ', '', '\t', '  '))
  .map(([parts, sep]) => parts.join(sep));

/** The checks every parser result must pass for the raw text it was given. */
function checkResult(raw: string, result: InputResult<unknown>): void {
  if (result.ok) return;
  const { message } = result;
  expect(typeof message).toBe('string');
  expect(message.length).toBeLessThan(400);
  // At most a 12-character escaped preview of the input is shown, never all of it.
  if (Array.from(raw.trim()).length > 12) expect(message).not.toContain(raw.trim());
  expect(message).not.toMatch(/[<>]/);
  // No control, bidi-override or zero-width characters: previews escape them as \u{…}.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is precisely that none are present
  expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  expect(result.reason).toMatch(/^[a-z_]+$/);
}

const idShape = /^[A-Za-z0-9-]{1,64}$/;

describe('PACS argument parsers under fuzzing', () => {
  it('B2 B4 B5: validateAccession and validateMrn never throw, refuse without echoing, and accept only allow-listed values', () => {
    fc.assert(
      fc.property(input, (raw) => {
        for (const [validate, max] of [
          [validateAccession, 16],
          [validateMrn, 64],
        ] as const) {
          const result = validate(raw);
          checkResult(raw, result);
          if (result.ok) {
            expect(result.value).toMatch(idShape);
            expect(result.value.length).toBeLessThanOrEqual(max);
            expect(validate(result.value)).toEqual(result);
          }
        }
      }),
      runs,
    );
  });

  it('B1 B3: parseStudyArgument never throws; a success is one allow-listed identifier and a configured site', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const result = parseStudyArgument(raw, { siteIds });
        checkResult(raw, result);
        if (result.ok) {
          expect(result.value.id).toMatch(idShape);
          if (result.value.site !== undefined) expect(siteIds).toContain(result.value.site);
        }
      }),
      runs,
    );
  });

  it('B9: resolveSite, resolveAlias and parseEchoArgument resolve only configured names (no host, address or port)', () => {
    const main = sites.get('main');
    if (!main) throw new Error('fixture site missing');
    fc.assert(
      fc.property(input, (raw) => {
        const site = resolveSite(raw, siteIds);
        checkResult(raw, site);
        if (site.ok) expect(siteIds).toContain(site.value);
        const alias = resolveAlias(raw, main);
        checkResult(raw, alias);
        if (alias.ok) expect(['ct3', 'storescp']).toContain(alias.value.alias);
        const echo = parseEchoArgument(raw, sites, 'main');
        checkResult(raw, echo);
        if (echo.ok) expect(main.aliases.concat(sites.get('east')?.aliases ?? [])).toContain(echo.value.target);
      }),
      runs,
    );
  });

  it('B1: parseSiteArgument, parseSweepArgument and parseJobArgument never throw and bound what they accept', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const site = parseSiteArgument(raw, siteIds, 'queue [site]');
        checkResult(raw, site);
        if (site.ok && site.value.site !== undefined) expect(siteIds).toContain(site.value.site);
        const sweep = parseSweepArgument(raw, siteIds);
        checkResult(raw, sweep);
        if (sweep.ok) {
          expect(Number.isInteger(sweep.value.days)).toBe(true);
          expect(sweep.value.days).toBeGreaterThanOrEqual(1);
          expect(sweep.value.days).toBeLessThanOrEqual(31);
        }
        for (const command of ['retry', 'cancel']) {
          const job = parseJobArgument(raw, siteIds, command);
          checkResult(raw, job);
          if (job.ok) expect(job.value.taskId).toMatch(/^[A-Za-z0-9-]{1,64}$/);
        }
      }),
      runs,
    );
  });
});
