import { describe, expect, it } from 'vitest';
import { dcm4cheeMwl, mwlQueryString, scheduledLimit } from '../../../src/pacs/worklist/dcm4chee-mwl.js';
import { findWorklist, worklistKeys } from '../../../src/pacs/worklist/dimse-worklist.js';
import { checkWorklistQuery, scheduledRange } from '../../../src/pacs/worklist/worklist-query.js';
import type { WorklistQuery } from '../../../src/pacs/worklist/worklist-types.js';

/** The `scheduled` worklist query the anomalies sweep sends: a range of Scheduled Procedure Step Start Dates. */
const span = (from: string, to: string): WorklistQuery => ({ by: 'scheduled', from, to });

describe('scheduled worklist query', () => {
  it('accepts real days, first day first, up to 62 days', () => {
    expect(checkWorklistQuery(span('2026-11-29', '2026-12-03'))).toEqual({
      ok: true,
      query: span('2026-11-29', '2026-12-03'),
    });
    expect(checkWorklistQuery(span('2026-12-01', '2026-12-01')).ok).toBe(true);
    expect(checkWorklistQuery(span('2026-10-01', '2026-12-01')).ok).toBe(true);
  });

  it.each([
    ['a wildcard', span('2026-12-*', '2026-12-03')],
    ['a range inside a day', span('20261101-20261201', '2026-12-03')],
    ['a day that does not exist', span('2026-02-30', '2026-03-01')],
    ['the days reversed', span('2026-12-03', '2026-12-01')],
    ['more than 62 days', span('2026-09-01', '2026-12-01')],
    ['an empty day', span('', '2026-12-01')],
  ])('refuses %s before any network call', async (_what, query) => {
    expect(checkWorklistQuery(query)).toMatchObject({ ok: false });
    const peer = { host: '127.0.0.1', port: 1, calledAet: 'WLM', callingAet: 'PACSDESK', timeoutMs: 100 };
    expect(await findWorklist(peer, query)).toMatchObject({ ok: false, cause: 'bad_input', ms: 0 });
  });

  it('asks a DIMSE SCP for the range on the step start date, other keys left for return', () => {
    expect(scheduledRange({ from: '2026-11-29', to: '2026-12-03' })).toBe('20261129-20261203');
    const keys = worklistKeys(span('2026-11-29', '2026-12-03'));
    expect(keys).toMatchObject({ AccessionNumber: '', PatientID: '' });
    expect((keys.ScheduledProcedureStepSequence as Record<string, unknown>[])[0]).toMatchObject({
      ScheduledProcedureStepStartDate: '20261129-20261203',
      ScheduledStationAETitle: '',
      Modality: '',
    });
  });

  it('asks dcm4chee /mwlitems for the range with a limit for weeks of orders', async () => {
    const params = new URLSearchParams(mwlQueryString(span('2026-11-29', '2026-12-03')));
    expect(params.get('ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate')).toBe('20261129-20261203');
    expect(params.get('limit')).toBe(String(scheduledLimit));
    expect(new URLSearchParams(mwlQueryString({ by: 'accession', accession: 'WL0001' })).get('limit')).toBe('200');
    const paths: string[] = [];
    const rest = {
      async get<T>(path: string, query?: string) {
        paths.push(`${path}?${query ?? ''}`);
        return [] as T;
      },
    };
    const source = dcm4cheeMwl(rest as unknown as Parameters<typeof dcm4cheeMwl>[0], 'DCM4CHEE');
    expect(await source.find(span('2026-12-01', '2026-11-01'))).toMatchObject({ ok: false, cause: 'bad_input' });
    expect(paths).toEqual([]);
    expect(await source.find(span('2026-11-29', '2026-12-03'))).toMatchObject({ ok: true, items: [] });
    expect(paths).toHaveLength(1);
  });
});
