import { describe, expect, it } from 'vitest';
import { measurePriors, reportRows } from '../../../bench/priors.js';
import {
  benchPatient,
  benchSites,
  expectedPriors,
  priorsLayout,
  verifyPriors,
  verifySite,
} from '../../../bench/priors-plant.js';
import type { PriorsResult } from '../../../src/pacs/checks/priors.js';
import type { StudyRecord } from '../../../src/pacs/types.js';

/** The priors bench at a small n: the report's shape and the planted answer; timings are the bench's business. */
describe('priors bench', () => {
  it('finds every planted copy on three Orthanc sites, each alone and fanned out, audited or not', async () => {
    const r = await measurePriors({ noise: 20, rounds: 2, warmup: 1 });
    expect(r.found).toBe(9);
    expect(r.auditRecords).toBe(6);
    expect(Object.keys(r.single)).toEqual(['main', 'east', 'archive']);
    expect(Object.values(r.single).map((xs) => xs.length)).toEqual([2, 2, 2]);
    expect([r.priors.length, r.audited.length]).toEqual([2, 2]);
    expect(['main', 'east', 'archive']).toContain(r.baselineSite);
    expect(r.seedMs).toBeGreaterThan(0);
    const rows = reportRows(r);
    expect(rows.map((row) => row[0].replace(' (baseline: slowest)', ''))).toEqual([
      'findStudies({ patientId }) on main alone',
      'findStudies({ patientId }) on east alone',
      'findStudies({ patientId }) on archive alone',
      'findPriors across 3 sites in parallel (9 copies)',
      '/pacs priors via runCheck (parse, findPriors, 2 audit records on SQLite)',
    ]);
    expect(rows.filter((row) => row[0].endsWith('(baseline: slowest)'))).toHaveLength(1);
    expect(rows.every((row) => row.length === 4 && /^\d+\.\d ms$/.test(row[1] ?? ''))).toBe(true);
  }, 60_000);

  it('refuses an answer with a copy missing, a foreign study, or an unreachable site', () => {
    const record = (site: string, uid: string, patientId: string = benchPatient.id): StudyRecord => ({
      site,
      studyInstanceUid: uid,
      patientId,
      modalities: [],
    });
    const planted = benchSites.flatMap((site) => priorsLayout[site].map((s) => record(site, s.studyUid)));
    const east = planted.filter((r) => r.site === 'east');
    expect(() => verifySite('t', 'east', east)).not.toThrow();
    expect(() => verifySite('t', 'east', east.slice(1))).toThrow(/east answered 2 studies \(0 foreign\), expected 3/);
    const foreign = [...east.slice(1), record('east', east[0]?.studyInstanceUid ?? '', 'SYN-BULK-001')];
    expect(() => verifySite('t', 'east', foreign)).toThrow(/1 foreign/);

    const priors = (matches: StudyRecord[], unreachable: string[] = []) =>
      ({ tooMany: false, unreachable, matches: matches.map((r) => ({ record: r })) }) as unknown as PriorsResult;
    expect(() => verifyPriors('t', priors(planted))).not.toThrow();
    expect(() => verifyPriors('t', priors(planted.slice(1)))).toThrow(`found 8 priors, expected ${expectedPriors}`);
    const moved = planted.map((r, i) => (i === 0 ? { ...r, site: 'archive' } : r));
    expect(() => verifyPriors('t', priors(moved))).toThrow(/main answered 3 studies/);
    expect(() => verifyPriors('t', priors(east))).toThrow(`found 3 priors, expected ${expectedPriors}`);
    expect(() => verifyPriors('t', priors(east, ['archive']))).toThrow(/unreachable \[archive\]/);
  });
});
