import { describe, expect, it } from 'vitest';
import { checkSettings, defaultCheckSettings } from '../../../src/pacs/checks/check-settings.js';
import { studyDateRange } from '../../../src/pacs/checks/recent-studies.js';
import { findUnidentified, unidentifiedCheck } from '../../../src/pacs/checks/unidentified.js';
import { createClassifier, sweepUnidentified } from '../../../src/pacs/checks/unidentified-sweep.js';
import { fakeConnector, fakeContext, fastestMs, siteConfig, study } from './fakes.js';

const classify = createClassifier(defaultCheckSettings);

describe('unidentified classification (pacs-apis §5.3)', () => {
  it.each([
    ['a normal study', {}, []],
    [
      'an empty PatientID (s4)',
      { patientId: '', patientName: 'UNKNOWN^UNKNOWN' },
      ['missing_patient_id', 'placeholder_name'],
    ],
    ['a missing PatientID', { patientId: undefined }, ['missing_patient_id']],
    ['a blank PatientID', { patientId: '   ' }, ['missing_patient_id']],
    [
      'PatientID UNKNOWN (s5)',
      { patientId: 'UNKNOWN', patientName: 'UNKNOWN^UNKNOWN' },
      ['placeholder_patient_id', 'placeholder_name'],
    ],
    ['PatientID 0', { patientId: '0' }, ['placeholder_patient_id']],
    ['PatientID noid (any case)', { patientId: ' noid ' }, ['placeholder_patient_id']],
    ['PatientID UNK', { patientId: 'UNK' }, ['placeholder_patient_id']],
    ['a trauma name', { patientName: 'TRAUMA^ONE' }, ['placeholder_name']],
    ['a Doe name', { patientName: 'Doe^Jane' }, ['placeholder_name']],
    ['an anonymous name', { patientName: 'ANONYMOUS' }, ['placeholder_name']],
    ['a name that only starts like a placeholder', { patientName: 'DOEBLER^ANNA' }, []],
    ['a missing accession', { accession: undefined }, ['missing_accession']],
    ['a blank accession', { accession: ' ' }, ['missing_accession']],
  ])('flags %s', (_label, overrides, reasons) => {
    expect(classify(study(overrides))).toEqual(reasons);
  });

  it('uses configured placeholders', () => {
    const custom = createClassifier({ placeholderIds: ['TEMP'], placeholderName: /^ZZ/g });
    expect(custom(study({ patientId: 'temp', patientName: 'ZZTOP^A' }))).toEqual([
      'placeholder_patient_id',
      'placeholder_name',
    ]);
    expect(custom(study({ patientId: 'UNKNOWN', patientName: 'ZZTOP^B' }))).toEqual(['placeholder_name']);
  });

  it('counts all flagged studies, lists the newest first and caps the list', () => {
    const records = [
      study({ studyDate: '2026-11-20', patientId: '' }),
      study({ studyDate: '2026-11-28', accession: undefined }),
      study({ studyDate: '2026-11-25' }),
      study({ studyDate: '2026-11-27', patientId: 'UNKNOWN' }),
    ];
    const summary = sweepUnidentified(records, { ...defaultCheckSettings, maxFlaggedListed: 2 });
    expect(summary).toMatchObject({
      scanned: 4,
      flaggedCount: 3,
      byReason: { missing_patient_id: 1, placeholder_patient_id: 1, placeholder_name: 0, missing_accession: 1 },
    });
    expect(summary.flagged.map((f) => f.record.studyDate)).toEqual(['2026-11-28', '2026-11-27']);
  });

  it('sweeps 10,000 studies in one fast pass', () => {
    const records = Array.from({ length: 10_000 }, (_, i) =>
      study({
        studyInstanceUid: `2.25.${i}`,
        patientId: i % 50 === 0 ? '' : i % 77 === 0 ? 'UNKNOWN' : `SYN-${i}`,
        patientName: i % 91 === 0 ? 'TRAUMA^X' : `TEST^P${i}`,
        accession: i % 33 === 0 ? undefined : `ACC${i}`,
        studyDate: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
      }),
    );
    expect(fastestMs(() => sweepUnidentified(records, defaultCheckSettings))).toBeLessThan(50);
    const summary = sweepUnidentified(records, defaultCheckSettings);
    expect(summary.scanned).toBe(10_000);
    expect(summary.byReason.missing_patient_id).toBe(200);
    expect(summary.flagged).toHaveLength(50);
  });
});

describe('unidentified check', () => {
  it('asks each site for the last N days and merges the results', async () => {
    const main = fakeConnector(siteConfig('main'), {
      studies: [study({ patientId: '', studyDate: '2026-11-29' }), study({ patientId: '', studyDate: '2026-11-01' })],
    });
    const east = fakeConnector(siteConfig('east'), { failFind: true });
    const result = await findUnidentified(fakeContext([main, east]), { days: 7 });
    expect(main.calls.find).toEqual([{ studyDate: '20261123-20261129', limit: 10_000 }]);
    expect(result).toMatchObject({
      days: 7,
      range: '20261123-20261129',
      scanned: 1,
      flaggedCount: 1,
      unreachable: ['east'],
    });
  });

  it('marks a site whose answer hit the sweep limit as truncated', async () => {
    const main = fakeConnector(siteConfig('main'), { studies: [study(), study()] });
    const result = await findUnidentified(fakeContext([main], { sweepLimit: 2 }), { days: 7 });
    expect(result.truncated).toEqual(['main']);
    expect(checkSettings().sweepLimit).toBe(10_000);
  });

  it('validates days 1–31, default 7', async () => {
    const ctx = fakeContext([fakeConnector(siteConfig('main'))]);
    expect(unidentifiedCheck.parse('', ctx)).toEqual({ ok: true, value: { days: 7 } });
    await expect(unidentifiedCheck.run(ctx, { days: 40 })).rejects.toMatchObject({ code: 'bad_input' });
    expect(await unidentifiedCheck.run(ctx, {})).toMatchObject({ days: 7 });
  });

  it('builds the date range from UTC dates, today included', () => {
    expect(studyDateRange(new Date('2026-11-29T12:00:00Z'), 1)).toBe('20261129-20261129');
    expect(studyDateRange(new Date('2026-03-02T00:30:00Z'), 3)).toBe('20260228-20260302');
  });
});
