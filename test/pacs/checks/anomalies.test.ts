import { describe, expect, it } from 'vitest';
import { anomaliesCheck, findAnomalies, maxAnomaliesListed } from '../../../src/pacs/checks/anomalies.js';
import { anomalyTicketSummary, maskAnomaly } from '../../../src/pacs/checks/anomalies-mask.js';
import { sweepAnomalies } from '../../../src/pacs/checks/anomalies-sweep.js';
import { defaultCheckSettings } from '../../../src/pacs/checks/check-settings.js';
import { renderAnomalies } from '../../../src/slack/blocks/pacs/anomalies-blocks.js';
import { fakeConnector, fakeContext, fastestMs, siteConfig, study } from './fakes.js';

const sweep = (records: Parameters<typeof sweepAnomalies>[0], listed = 20) =>
  sweepAnomalies(records, defaultCheckSettings, listed);

describe('anomalies sweep', () => {
  it('finds nothing in clean data', () => {
    const result = sweep([
      study(),
      study({ studyInstanceUid: '2.25.2', accession: 'SYN0002', patientId: 'SYN-PAT-002' }),
    ]);
    expect(result).toMatchObject({ scanned: 2, total: 0, items: [] });
  });

  it('finds one accession under two patient IDs, across sites', () => {
    const result = sweep([
      study({ site: 'main', studyInstanceUid: '2.25.1', patientId: 'SYN-PAT-001' }),
      study({ site: 'east', studyInstanceUid: '2.25.2', patientId: 'SYN-PAT-002' }),
    ]);
    expect(result.counts.accession_multiple_patients).toBe(1);
    expect(result.items[0]).toMatchObject({
      kind: 'accession_multiple_patients',
      sites: ['east', 'main'],
      accession: 'SYN0001',
      patients: 2,
    });
  });

  it('finds one Study UID under two patients, and a partial copy across sites', () => {
    const result = sweep([
      study({ site: 'main', instances: 10 }),
      study({ site: 'east', instances: 4, patientId: 'SYN-PAT-009', accession: 'SYN0009' }),
    ]);
    expect(result.counts).toEqual({
      accession_multiple_patients: 0,
      study_uid_multiple_patients: 1,
      partial_copy: 1,
      worklist_modality_mismatch: 0,
      unidentified: 0,
    });
    expect(result.items.find((i) => i.kind === 'partial_copy')?.instancesBySite).toEqual({ main: 10, east: 4 });
  });

  it('does not call an identical copy on two sites partial, nor a blank patient ID another patient', () => {
    const result = sweep([study({ site: 'main' }), study({ site: 'east' }), study({ site: 'west', patientId: '' })]);
    expect(result.counts).toMatchObject({
      study_uid_multiple_patients: 0,
      partial_copy: 0,
      accession_multiple_patients: 0,
    });
    expect(result.counts.unidentified).toBe(1);
    expect(result.items[0]).toMatchObject({ kind: 'unidentified', sites: ['west'], reasons: ['missing_patient_id'] });
  });

  it('caps the list and keeps the counts complete', () => {
    const records = Array.from({ length: 30 }, (_, i) => study({ studyInstanceUid: `2.25.${i}`, patientId: '' }));
    const result = sweep(records, 5);
    expect(result.counts.unidentified).toBe(30);
    expect(result.total).toBe(30);
    expect(result.items).toHaveLength(5);
  });

  it('sweeps 10,000 studies in one fast pass', () => {
    const records = Array.from({ length: 10_000 }, (_, i) =>
      study({
        studyInstanceUid: `2.25.${i % 9_990}`,
        accession: `ACC${i % 9_980}`,
        patientId: i % 50 === 0 ? '' : `SYN-${i}`,
        site: i < 9_990 ? 'main' : 'east',
      }),
    );
    expect(fastestMs(() => sweep(records))).toBeLessThan(100);
    const result = sweep(records);
    expect(result.scanned).toBe(10_000);
    expect(result.counts.unidentified).toBe(200);
    expect(result.counts.accession_multiple_patients).toBeGreaterThan(0);
  });
});

describe('anomalies masking and ticket summary', () => {
  const [item] = sweep([
    study({ studyInstanceUid: '2.25.1', patientId: 'SYN-PAT-001', accession: 'SYNACC1234' }),
    study({ studyInstanceUid: '2.25.2', patientId: 'SYN-PAT-002', accession: 'SYNACC1234' }),
  ]).items;
  if (!item) throw new Error('no item');

  it('masks identifiers for associates and shows them to an admin who asks', () => {
    const masked = maskAnomaly(item, 'associate');
    expect(masked).toMatchObject({ accession: 'ACC •••1234', patientIds: ['•••-001', '•••-002'], site: 'main' });
    expect(masked.studyInstanceUid).toBeNull();
    expect(JSON.stringify(masked)).not.toContain('SYN-PAT');
    expect(maskAnomaly(item, 'requester').patientIds).toEqual([]);
    expect(maskAnomaly(item, 'admin', { showPhi: true })).toMatchObject({
      accession: 'SYNACC1234',
      patientIds: ['SYN-PAT-001', 'SYN-PAT-002'],
    });
  });

  it('builds a ticket summary without identifiers', () => {
    const summary = anomalyTicketSummary(item);
    expect(summary).toBe('Data integrity: accession under 2 patient IDs (site main)');
    expect(summary).not.toMatch(/SYN|1234|2\.25/);
  });
});

describe('anomalies check', () => {
  it('asks each site for the last N days, compares across sites and lists the unreachable', async () => {
    const main = fakeConnector(siteConfig('main'), { studies: [study({ studyDate: '2026-11-29', instances: 3 })] });
    const east = fakeConnector(siteConfig('east'), {
      studies: [study({ site: 'east', studyDate: '2026-11-29', instances: 1 })],
    });
    const west = fakeConnector(siteConfig('west'), { failFind: true });
    const result = await findAnomalies(fakeContext([main, east, west]), { days: 7 });
    expect(main.calls.find).toEqual([{ studyDate: '20261123-20261129', limit: 10_000 }]);
    expect(result).toMatchObject({ scanned: 2, unreachable: ['west'], searched: ['main', 'east', 'west'] });
    expect(result.counts.partial_copy).toBe(1);
    expect(anomaliesCheck.accessed(result).map((s) => s.patientId)).toEqual(['SYN-PAT-001', 'SYN-PAT-001']);
  });

  it('sweeps one site when given', async () => {
    const main = fakeConnector(siteConfig('main'));
    const east = fakeConnector(siteConfig('east'));
    await findAnomalies(fakeContext([main, east]), { days: 3, site: 'east' });
    expect(main.calls.find).toEqual([]);
    expect(east.calls.find).toEqual([{ studyDate: '20261127-20261129', limit: 10_000 }]);
  });

  it('validates days 1–31 and the site, default 7', async () => {
    const ctx = fakeContext([fakeConnector(siteConfig('main'))]);
    expect(anomaliesCheck.parse('', ctx)).toEqual({ ok: true, value: { days: 7 } });
    expect(anomaliesCheck.parse('14 main', ctx)).toEqual({ ok: true, value: { days: 14, site: 'main' } });
    expect(anomaliesCheck.parse('40', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('anomalies') });
    expect(anomaliesCheck.parse('3 nowhere', ctx)).toMatchObject({ ok: false, reason: 'unknown_site' });
    await expect(anomaliesCheck.run(ctx, { days: 0 })).rejects.toMatchObject({ code: 'bad_input' });
    expect(maxAnomaliesListed).toBe(20);
  });
});

describe('anomalies in Slack blocks', () => {
  it('lists twenty items in sections under Slack’s limit, with the counts complete', async () => {
    const records = Array.from({ length: 30 }, (_, i) =>
      study({ studyInstanceUid: `2.25.${i}`, patientId: '', description: 'X'.repeat(60) }),
    );
    const result = await findAnomalies(fakeContext([fakeConnector(siteConfig('main'), { studies: records })]), {
      days: 7,
    });
    const { blocks } = renderAnomalies(result, 'associate');
    const texts = blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''));
    expect(texts[0]).toContain('*30 anomalies*');
    expect(texts.filter((t) => /^\d+\. /.test(t)).map((t) => t.split('\n').length)).toEqual([10, 10]);
    // One 🎫 per listed item, in one actions block (Slack allows 25 elements).
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    expect((actions[0] as { elements: unknown[] }).elements).toHaveLength(20);
    for (const t of texts) expect(t.length).toBeLessThan(3000);
    expect(JSON.stringify(blocks)).toContain('Showing 20 of 30.');
  });
});
