import { describe, expect, it } from 'vitest';
import { measureAnomalies, reportRows } from '../../../bench/anomalies.js';
import { expectedCounts, plantedOnEast, plantedOnMain, verifyCounts } from '../../../bench/anomalies-plant.js';

/** The anomalies bench at a small n: the report's shape and the planted answer; timings are the bench's business. */
describe('anomalies bench', () => {
  it('sweeps every seeded study on two Orthanc sites and finds exactly the planted anomalies', async () => {
    const r = await measureAnomalies({ studies: 120, rounds: 2, pureRounds: 2 });
    expect(r.result).toMatchObject({
      scanned: 120,
      searched: ['main', 'east'],
      unreachable: [],
      truncated: [],
      range: '20261123-20261129',
    });
    expect(r.result.counts).toMatchObject({
      accession_multiple_patients: 5,
      study_uid_multiple_patients: 2,
      partial_copy: 2,
      unidentified: 4,
    });
    expect(r.result.total).toBe(13);
    expect([r.qido.length, r.connectors.length, r.sweep.length, r.pure.length]).toEqual([2, 2, 2, 2]);
    expect(r.seedMs).toBeGreaterThan(0);
    const rows = reportRows(r);
    expect(rows.map((row) => row[0])).toEqual([
      'bare QIDO-RS of the window, both sites, JSON parsed (baseline)',
      'connector findStudies, both sites (QIDO + /tools/find merged)',
      '/pacs anomalies sweep: findAnomalies (fetch + sweep)',
      'sweepAnomalies in memory alone',
    ]);
    expect(rows.every((row) => row.length === 4 && /^\d+\.\d ms$/.test(row[1] ?? ''))).toBe(true);
  }, 60_000);

  it('refuses an answer that differs from the plant, or that missed studies', () => {
    const counts = { ...expectedCounts, partial_copy: 1 } as never;
    const studies = plantedOnMain + plantedOnEast;
    const summary = { scanned: studies, counts, total: 12, items: [] };
    expect(() => verifyCounts('sweep', studies, summary)).toThrow(/expected/);
    const right = { ...summary, counts: { ...expectedCounts } as never, total: 13 };
    expect(() => verifyCounts('sweep', studies, right)).not.toThrow();
    expect(() => verifyCounts('sweep', studies + 1, right)).toThrow(/scanned 18 of 19/);
  });
});
