import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../../src/pacs/checks/anomalies.js';
import { anomalyTicketSummary, maskAnomaly } from '../../../src/pacs/checks/anomalies-mask.js';
import { sweepAnomalies } from '../../../src/pacs/checks/anomalies-sweep.js';
import { recentWorklists, worklistMismatches, worklistWindow } from '../../../src/pacs/checks/anomalies-worklist.js';
import { defaultCheckSettings } from '../../../src/pacs/checks/check-settings.js';
import type { WorklistSource } from '../../../src/pacs/worklist/worklist-source.js';
import type { WorklistItem, WorklistQuery } from '../../../src/pacs/worklist/worklist-types.js';
import { renderAnomalies } from '../../../src/slack/blocks/pacs/anomalies-blocks.js';
import { fakeConnector, fakeContext, fastestMs, siteConfig, study } from './fakes.js';

const order = (accession: string, modality: string | undefined, extra: Partial<WorklistItem> = {}): WorklistItem => ({
  accession,
  modality,
  scheduledStart: '2026-11-28T08:30',
  patientId: 'SYN-PAT-001',
  patientName: 'TEST^ALICE',
  ...extra,
});
const on = (site: string, ...items: WorklistItem[]) => new Map([[site, items]]);

describe('worklist modality join', () => {
  it('lists nothing when the scheduled modality is in the study', () => {
    expect(worklistMismatches([study({ modalities: ['CT'] })], on('main', order('SYN0001', 'CT')))).toEqual([]);
  });

  it('lists a CT study whose order is booked as MR, with both modalities', () => {
    const record = study({ modalities: ['CT'] });
    expect(worklistMismatches([record], on('main', order('SYN0001', 'MR')))).toEqual([
      {
        kind: 'worklist_modality_mismatch',
        sites: ['main'],
        accession: 'SYN0001',
        studyInstanceUid: '2.25.1001',
        records: [record],
        worklistModalities: ['MR'],
        studyModalities: ['CT'],
      },
    ]);
  });

  it('does not compare a study without a worklist item, nor with an item on another site', () => {
    expect(worklistMismatches([study({ modalities: ['CT'] })], on('main', order('SYN0002', 'MR')))).toEqual([]);
    expect(worklistMismatches([study({ modalities: ['CT'] })], on('east', order('SYN0001', 'MR')))).toEqual([]);
    expect(worklistMismatches([study({ modalities: ['CT'] })], new Map())).toEqual([]);
  });

  it('ignores case and spaces in modalities and accessions', () => {
    const found = worklistMismatches([study({ modalities: ['ct '] })], on('main', order(' syn0001', 'Ct')));
    expect(found).toEqual([]);
    const mismatch = worklistMismatches([study({ modalities: ['ct'] })], on('main', order('syn0001', 'mr')));
    expect(mismatch[0]).toMatchObject({ worklistModalities: ['MR'], studyModalities: ['CT'] });
  });

  it('matches when any of the study’s modalities was scheduled, lists them all when none was', () => {
    const ctWithSr = study({ modalities: ['SR', 'CT'] });
    expect(worklistMismatches([ctWithSr], on('main', order('SYN0001', 'CT')))).toEqual([]);
    const petCt = study({ modalities: ['PT', 'CT', 'PT'] });
    expect(worklistMismatches([petCt], on('main', order('SYN0001', 'MR')))[0]).toMatchObject({
      studyModalities: ['CT', 'PT'],
      worklistModalities: ['MR'],
    });
  });

  it('takes an order with a CT and an MR step as matching a study of either', () => {
    const steps = on('main', order('SYN0001', 'MR'), order('SYN0001', 'CT'), order('SYN0001', 'MR'));
    expect(worklistMismatches([study({ modalities: ['CT'] })], steps)).toEqual([]);
    const found = worklistMismatches([study({ modalities: ['US'] })], steps);
    expect(found[0]?.worklistModalities).toEqual(['CT', 'MR']);
  });

  it('does not compare a step without modality, nor a study without modalities or accession', () => {
    expect(worklistMismatches([study({ modalities: ['CT'] })], on('main', order('SYN0001', undefined)))).toEqual([]);
    expect(worklistMismatches([study({ modalities: [] })], on('main', order('SYN0001', 'MR')))).toEqual([]);
    expect(worklistMismatches([study({ accession: undefined })], on('main', order('', 'MR')))).toEqual([]);
  });

  it('counts the kind in the sweep, listed after partial copies and before unidentified studies', () => {
    const records = [
      study({ studyInstanceUid: '2.25.1', patientId: '' }),
      study({ studyInstanceUid: '2.25.2', accession: 'SYN0002', modalities: ['CT'] }),
    ];
    const result = sweepAnomalies(records, defaultCheckSettings, 20, on('main', order('SYN0002', 'MR')));
    expect(result.counts).toEqual({
      accession_multiple_patients: 0,
      study_uid_multiple_patients: 0,
      partial_copy: 0,
      worklist_modality_mismatch: 1,
      unidentified: 1,
    });
    expect(result.items.map((i) => i.kind)).toEqual(['worklist_modality_mismatch', 'unidentified']);
  });

  it('joins 10,000 studies with 10,000 worklist steps in one fast pass', () => {
    const records = Array.from({ length: 10_000 }, (_, i) =>
      study({ studyInstanceUid: `2.25.${i}`, accession: `ACC${i}`, modalities: ['CT'] }),
    );
    const items = records.map((r, i) => order(r.accession ?? '', i % 100 === 0 ? 'MR' : 'CT'));
    expect(fastestMs(() => worklistMismatches(records, on('main', ...items)))).toBeLessThan(100);
    expect(worklistMismatches(records, on('main', ...items))).toHaveLength(100);
  });
});

/** A worklist source over fixed items that records every query, or fails like a closed port or a throw. */
function fakeWorklist(items: WorklistItem[], fail?: 'refused' | 'throws') {
  const calls: WorklistQuery[] = [];
  const source: WorklistSource = {
    async find(query) {
      calls.push(query);
      if (fail === 'throws') throw new Error('socket hang up 10.1.2.3:104');
      if (fail === 'refused') return { ok: false, items: [], cause: 'refused', ms: 1, detail: 'ECONNREFUSED' };
      return { ok: true, items, ms: 1 };
    },
  };
  return { source, calls };
}

describe('worklists read for a sweep', () => {
  it('widens the study range by a day on each side', () => {
    expect(worklistWindow('20261123-20261129')).toEqual({ from: '2026-11-22', to: '2026-11-30' });
    expect(worklistWindow('20261201-20261201')).toEqual({ from: '2026-11-30', to: '2026-12-02' });
  });

  it('asks each searched site with a provider once, and names the ones that fail', async () => {
    const [main, east, west] = [
      fakeWorklist([order('A1', 'CT')]),
      fakeWorklist([], 'refused'),
      fakeWorklist([], 'throws'),
    ];
    const worklists = new Map([
      ['main', main.source],
      ['east', east.source],
      ['west', west.source],
    ]);
    const r = await recentWorklists({ worklists }, ['main', 'east', 'west', 'north'], '20261123-20261129');
    expect(r).toMatchObject({ sites: ['main'], unreachable: ['east', 'west'] });
    expect([...r.items.keys()]).toEqual(['main']);
    expect(main.calls).toEqual([{ by: 'scheduled', from: '2026-11-22', to: '2026-11-30' }]);
    const skipped = await recentWorklists({ worklists }, ['east'], '20261123-20261129');
    expect(main.calls).toHaveLength(1);
    expect(skipped.unreachable).toEqual(['east']);
  });
});

describe('worklist mismatches in the anomalies check', () => {
  const records = Array.from({ length: 50 }, (_, i) =>
    study({
      studyInstanceUid: `2.25.${i}`,
      accession: `SYNACC${1000 + i}`,
      patientId: `SYN-PAT-${i}`,
      modalities: ['CT'],
    }),
  );
  const booked = records.map((r, i) => order(r.accession ?? '', i === 7 ? 'MR' : 'CT'));

  it('joins fifty studies with one worklist query and lists the one booked as MR', async () => {
    const main = fakeWorklist(booked);
    const ctx = { ...fakeContext([fakeConnector(siteConfig('main'), { studies: records })]) };
    const result = await findAnomalies({ ...ctx, worklists: new Map([['main', main.source]]) }, { days: 7 });
    expect(main.calls).toHaveLength(1);
    expect(result).toMatchObject({ worklistSites: ['main'], worklistUnreachable: [], total: 1 });
    expect(result.items[0]).toMatchObject({ kind: 'worklist_modality_mismatch', accession: 'SYNACC1007' });
  });

  it('answers without worklists, and with a failing one, naming that site', async () => {
    const ctx = fakeContext([
      fakeConnector(siteConfig('main'), { studies: records }),
      fakeConnector(siteConfig('east')),
    ]);
    expect(await findAnomalies(ctx, { days: 7 })).toMatchObject({
      total: 0,
      worklistSites: [],
      worklistUnreachable: [],
    });
    const down = fakeWorklist([], 'throws');
    const result = await findAnomalies({ ...ctx, worklists: new Map([['main', down.source]]) }, { days: 7 });
    expect(result).toMatchObject({ scanned: 50, unreachable: [], worklistUnreachable: ['main'], total: 0 });
    const blocks = JSON.stringify(renderAnomalies(result, 'associate').blocks);
    expect(blocks).toContain('Worklist not reachable right now: main.');
    expect(blocks).toContain('No worklist to compare modalities with on: east.');
    expect(blocks).not.toContain('10.1.2.3');
  });

  it('masks the item like the other kinds; its ticket summary and Slack line name no identifier', async () => {
    const main = fakeWorklist(booked);
    const ctx = fakeContext([fakeConnector(siteConfig('main'), { studies: records })]);
    const result = await findAnomalies({ ...ctx, worklists: new Map([['main', main.source]]) }, { days: 7 });
    const item = result.items[0];
    if (!item) throw new Error('no item');
    const masked = maskAnomaly(item, 'associate');
    expect(masked).toMatchObject({
      kind: 'worklist_modality_mismatch',
      accession: 'ACC •••1007',
      studyInstanceUid: null,
      patientIds: ['•••AT-7'],
      worklistModalities: ['MR'],
      studyModalities: ['CT'],
    });
    expect(maskAnomaly(item, 'requester').patientIds).toEqual([]);
    expect(maskAnomaly(item, 'admin', { showPhi: true })).toMatchObject({ accession: 'SYNACC1007' });
    const summary = anomalyTicketSummary(item);
    expect(summary).toBe('Data integrity: study modality CT but worklist MR (site main)');
    // What the 🎫 handler accepts (ticket-from-anomaly.ts); anything else opens an empty form.
    expect(summary).toMatch(/^Data integrity: [A-Za-z0-9 ,.()_-]{1,140}$/);
    expect(summary).not.toMatch(/SYN|1007|2\.25/);
    const text = JSON.stringify(renderAnomalies(result, 'associate').blocks);
    expect(text).toContain('*worklist modality mismatch* · main · ACC •••1007');
    expect(text).toContain('study CT, worklist MR');
    expect(text).not.toMatch(/SYN|TEST\^/);
  });

  it('keeps odd modality values out of the ticket summary', () => {
    const summary = anomalyTicketSummary({
      kind: 'worklist_modality_mismatch',
      sites: ['main'],
      studyModalities: ['C*T\n'],
      worklistModalities: ['<MR>'],
    });
    expect(summary).toBe('Data integrity: study modality CT but worklist MR (site main)');
  });
});
