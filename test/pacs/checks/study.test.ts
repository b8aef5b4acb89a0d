import { describe, expect, it } from 'vitest';
import { BotError } from '../../../src/core/errors.js';
import { createCheckRegistry } from '../../../src/pacs/checks/registry.js';
import { findStudy, studyCheck } from '../../../src/pacs/checks/study.js';
import { studyFacts } from '../../../src/pacs/checks/study-result.js';
import type { StudyRecord } from '../../../src/pacs/types.js';
import { fakeConnector, fakeContext, siteConfig, study } from './fakes.js';

const now = new Date('2026-11-29T12:00:00Z');

describe('study check', () => {
  it('finds an accession on every site when none is given, with derived facts', async () => {
    const main = fakeConnector(siteConfig('main'), { studies: [study()] });
    const east = fakeConnector(siteConfig('east'), { studies: [] });
    const result = await findStudy(fakeContext([main, east]), { by: 'accession', id: 'SYN0001' });
    expect(result).toMatchObject({
      by: 'accession',
      found: true,
      tooMany: false,
      where: ['main'],
      searched: ['main', 'east'],
    });
    expect(result.matches[0]?.facts).toEqual({
      site: 'main',
      date: '2026-11-28',
      modalities: ['CT', 'OT'],
      description: 'CT HEAD W/O CONTRAST',
      series: 2,
      instances: 2,
      lastReceived: '2026-11-28T10:00:00Z',
      arriving: false,
    });
    expect(main.calls.find).toEqual([{ accession: 'SYN0001', limit: 6 }]);
    expect(east.calls.find).toHaveLength(1);
  });

  it('searches only the requested site, by MRN', async () => {
    const main = fakeConnector(siteConfig('main'), { studies: [study()] });
    const east = fakeConnector(siteConfig('east'), { studies: [study({ site: 'east' })] });
    const result = await findStudy(fakeContext([main, east]), { by: 'mrn', id: 'SYN-PAT-001', site: 'east' });
    expect(result.where).toEqual(['east']);
    expect(main.calls.find).toHaveLength(0);
    expect(east.calls.find).toEqual([{ patientId: 'SYN-PAT-001', limit: 6 }]);
  });

  it('reports not found', async () => {
    const main = fakeConnector(siteConfig('main'), { studies: [study()] });
    const result = await findStudy(fakeContext([main]), { by: 'accession', id: 'SYN9999' });
    expect(result).toMatchObject({ found: false, tooMany: false, matches: [], where: [] });
  });

  it('P8: shows no list when more than N studies match, and says what N is', async () => {
    const studies = Array.from({ length: 6 }, (_, i) =>
      study({ studyInstanceUid: `2.25.${i}`, accession: `SYN000${i}` }),
    );
    const main = fakeConnector(siteConfig('main'), { studies });
    const result = await findStudy(fakeContext([main]), { by: 'mrn', id: 'SYN-PAT-001' });
    expect(result).toMatchObject({ found: true, tooMany: true, matches: [], maxMatches: 5 });
    const five = fakeConnector(siteConfig('main'), { studies: studies.slice(0, 5) });
    expect((await findStudy(fakeContext([five]), { by: 'mrn', id: 'SYN-PAT-001' })).matches).toHaveLength(5);
  });

  it('counts matches across sites for the P8 cap', async () => {
    const three = (site: string) =>
      fakeConnector(siteConfig(site), {
        studies: Array.from({ length: 3 }, (_, i) => study({ site, studyInstanceUid: `${i}` })),
      });
    const result = await findStudy(fakeContext([three('main'), three('east')]), { by: 'mrn', id: 'SYN-PAT-001' });
    expect(result).toMatchObject({ tooMany: true, matches: [], where: ['east', 'main'] });
  });

  it('drops records of an archive that ignored the query key (QIDO typo returns everything)', async () => {
    const main = fakeConnector(siteConfig('main'), {
      ignoreQuery: true,
      studies: [study(), study({ accession: 'SYN0002', patientId: 'SYN-PAT-002', patientName: 'TEST^BOB' })],
    });
    const result = await findStudy(fakeContext([main]), { by: 'accession', id: 'SYN0001' });
    expect(result.matches.map((m) => m.record.accession)).toEqual(['SYN0001']);
  });

  it('reports a failing site by id only, and still answers from the others', async () => {
    const main = fakeConnector(siteConfig('main'), { failFind: true });
    const east = fakeConnector(siteConfig('east'), { studies: [study({ site: 'east' })] });
    const result = await findStudy(fakeContext([main, east]), { by: 'accession', id: 'SYN0001' });
    expect(result).toMatchObject({ found: true, unreachable: ['main'], where: ['east'] });
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|internal/);
  });

  it('U3: throws the PACS error when no site answered, so the lookup is audited as failed, not "not found"', async () => {
    const main = fakeConnector(siteConfig('main'), { failFind: true });
    const east = fakeConnector(siteConfig('east'), { failFind: true });
    await expect(findStudy(fakeContext([main, east]), { by: 'accession', id: 'SYN0001' })).rejects.toThrow();
    const partly = await findStudy(fakeContext([main, fakeConnector(siteConfig('west'))]), {
      by: 'accession',
      id: 'SYN0001',
    });
    expect(partly).toMatchObject({ found: false, unreachable: ['main'], failures: [{ site: 'main', code: 'error' }] });
  });

  it.each<[string, Partial<StudyRecord>, boolean]>([
    ['not stable', { stable: false }, true],
    ['received 30 s ago', { lastReceived: '2026-11-29T11:59:30Z' }, true],
    ['received 3 min ago', { lastReceived: '2026-11-29T11:57:00Z' }, false],
    ['no timestamps', { lastReceived: undefined, stable: undefined }, false],
  ])('marks a study %s as arriving=%s', (_label, overrides, arriving) => {
    expect(studyFacts(study(overrides), now, 120_000).arriving).toBe(arriving);
  });

  it('B2: refuses a bad identifier before any PACS call', async () => {
    const main = fakeConnector(siteConfig('main'), { studies: [study()] });
    const ctx = fakeContext([main]);
    for (const text of ['*', 'A12*', '?123', '%2A', 'A1\\A2', 'A1,A2', 'A^B=C', 'A123&PatientID=*']) {
      expect(studyCheck.parse(text, ctx)).toMatchObject({ ok: false, reason: 'invalid_accession' });
    }
    // A caller that skips parse() is stopped by run() too.
    await expect(studyCheck.run(ctx, { by: 'accession', id: 'A12*' })).rejects.toBeInstanceOf(BotError);
    await expect(studyCheck.run(ctx, { by: 'name', id: 'x' })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(studyCheck.run(ctx, { by: 'accession', id: 'SYN0001', site: 'nowhere' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(main.calls.find).toHaveLength(0);
  });

  it('runs end to end through the registry: find, parse, run', async () => {
    const main = fakeConnector(siteConfig('main'), { studies: [study()] });
    const ctx = fakeContext([main]);
    const check = createCheckRegistry().find('study');
    const parsed = check?.parse('SYN0001 MAIN', ctx);
    if (!check || !parsed?.ok) throw new Error('not parsed');
    expect(await check.run(ctx, parsed.value)).toMatchObject({ found: true, where: ['main'] });
  });
});
