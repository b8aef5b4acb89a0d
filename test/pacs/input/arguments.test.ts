import { describe, expect, it } from 'vitest';
import {
  parseEchoArgument,
  parseJobArgument,
  parseSiteArgument,
  parseSweepArgument,
} from '../../../src/pacs/input/command-arguments.js';
import { resolveSite } from '../../../src/pacs/input/sites.js';
import { parseStudyArgument } from '../../../src/pacs/input/study-argument.js';
import { siteConfig } from '../checks/fakes.js';

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

describe('parseStudyArgument', () => {
  it.each([
    ['SYN0001', { by: 'accession', id: 'SYN0001' }],
    ['SYN0001 main', { by: 'accession', id: 'SYN0001', site: 'main' }],
    ['  SYN0001\tEAST ', { by: 'accession', id: 'SYN0001', site: 'east' }],
    ['mrn:SYN-PAT-001', { by: 'mrn', id: 'SYN-PAT-001' }],
    ['MRN:SYN-PAT-001 main', { by: 'mrn', id: 'SYN-PAT-001', site: 'main' }],
    ['ｍｒｎ：SYN-PAT-001', { by: 'mrn', id: 'SYN-PAT-001' }],
    ['acc:SYN0001', { by: 'accession', id: 'SYN0001' }],
  ])('parses %j', (text, value) => {
    expect(parseStudyArgument(text, { siteIds })).toEqual({ ok: true, value });
  });

  // Checklist B1: usage text, never a guess.
  it.each(['', '   ', '--help', 'help', 'SYN0001 main extra'])('answers %j with usage', (text) => {
    const result = parseStudyArgument(text, { siteIds });
    expect(result).toMatchObject({ ok: false, reason: 'usage' });
    if (!result.ok) expect(result.message).toContain('study ACCESSION [site]');
  });

  it.each([
    ['A12*', 'invalid_accession'],
    ['A123&PatientID=*', 'invalid_accession'],
    ['mrn:*', 'invalid_mrn'],
    ['mrn:', 'invalid_mrn'],
    ['mrn:SYN^PAT', 'invalid_mrn'],
    ['A123 includefield=all', 'unknown_site'],
    ['A123 west', 'unknown_site'],
    ['A123 mai', 'unknown_site'],
  ])('refuses %j as %s', (text, reason) => {
    expect(parseStudyArgument(text, { siteIds })).toMatchObject({ ok: false, reason });
  });

  it('lists the valid sites when the site is unknown, escaping what was typed', () => {
    const result = parseStudyArgument('A123 <!here>', { siteIds });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('Valid sites: east, main.');
    expect(result.message).not.toContain('<!here>');
  });
});

describe('resolveSite', () => {
  it('matches exactly after lower-casing, never fuzzily', () => {
    expect(resolveSite('MAIN', siteIds)).toEqual({ ok: true, value: 'main' });
    expect(resolveSite('main\u200b', siteIds)).toMatchObject({ ok: false, reason: 'unknown_site' });
    expect(resolveSite('\ufeffmain', siteIds)).toMatchObject({ ok: false, reason: 'unknown_site' });
    expect(resolveSite('mian', siteIds)).toMatchObject({ ok: false, reason: 'unknown_site' });
  });
});

describe('parseEchoArgument (checklist B9)', () => {
  it('resolves a configured alias on the default site or a named one', () => {
    expect(parseEchoArgument('CT3', sites, 'main')).toMatchObject({ ok: true, value: { alias: 'ct3', site: 'main' } });
    expect(parseEchoArgument('storescp main', sites, 'main')).toMatchObject({ ok: true, value: { site: 'main' } });
  });

  it.each([
    ['10.0.0.1:22', 'unknown_alias'],
    ['localhost:6379', 'unknown_alias'],
    ['evil.example.com 104', 'unknown_alias'],
    ['evil.example.com', 'unknown_alias'],
    ['http://10.0.0.1', 'unknown_alias'],
    ['ct', 'unknown_alias'],
    ['ct3 nowhere', 'unknown_site'],
  ])('refuses %j', (text, reason) => {
    const result = parseEchoArgument(text, sites, 'main');
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('says that hosts and ports are not accepted, and lists the valid aliases', () => {
    const result = parseEchoArgument('10.0.0.1:22', sites, 'main');
    if (result.ok) throw new Error('accepted');
    expect(result.message).toContain('not host names, addresses or ports');
    expect(result.message).toContain('Valid aliases on main: ct3, storescp.');
    expect(result.message).not.toContain('10.0.0.1');
  });

  it('says so when a site has no aliases', () => {
    const result = parseEchoArgument('ct3 east', sites, 'main');
    expect(result.ok ? '' : result.message).toContain('(none configured)');
  });

  it('answers usage for no alias or extra words', () => {
    expect(parseEchoArgument('', sites, 'main')).toMatchObject({ ok: false, reason: 'usage' });
    expect(parseEchoArgument('ct3 main x', sites, 'main')).toMatchObject({ ok: false, reason: 'usage' });
  });
});

describe('other command arguments', () => {
  it('parses [site]', () => {
    expect(parseSiteArgument('', siteIds, 'queue [site]')).toEqual({ ok: true, value: {} });
    expect(parseSiteArgument('east', siteIds, 'queue [site]')).toEqual({ ok: true, value: { site: 'east' } });
    expect(parseSiteArgument('east west', siteIds, 'queue [site]')).toMatchObject({ reason: 'usage' });
  });

  it('parses [days] [site] with days 1–31, default 7', () => {
    expect(parseSweepArgument('', siteIds)).toEqual({ ok: true, value: { days: 7 } });
    expect(parseSweepArgument('14 main', siteIds)).toEqual({ ok: true, value: { days: 14, site: 'main' } });
    expect(parseSweepArgument('main', siteIds)).toEqual({ ok: true, value: { days: 7, site: 'main' } });
    expect(parseSweepArgument('0', siteIds)).toMatchObject({ reason: 'usage' });
    expect(parseSweepArgument('32', siteIds)).toMatchObject({ reason: 'usage' });
    expect(parseSweepArgument('-3', siteIds)).toMatchObject({ reason: 'unknown_site' });
  });

  it('parses JOB-ID [site] and refuses anything else as a job id', () => {
    expect(parseJobArgument('6c97cdb9-0d4e east', siteIds, 'retry')).toEqual({
      ok: true,
      value: { taskId: '6c97cdb9-0d4e', site: 'east' },
    });
    for (const bad of ['', '6c97*', '../jobs', 'a&b=c', 'x'.repeat(65), '6c97\u200b']) {
      expect(parseJobArgument(bad, siteIds, 'retry')).toMatchObject({ ok: false, reason: 'usage' });
    }
  });
});
