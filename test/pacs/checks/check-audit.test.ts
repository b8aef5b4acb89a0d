import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEvent, AuditEventType, AuditOutcome, AuditType } from '../../../src/audit/audit-events.js';
import { type AuditLog, createAuditLog } from '../../../src/audit/audit-log.js';
import { Role } from '../../../src/core/roles.js';
import { CheckId, type CheckSpec } from '../../../src/pacs/checks/check-types.js';
import { createCheckRegistry, pacsChecks } from '../../../src/pacs/checks/registry.js';
import { studyCheck } from '../../../src/pacs/checks/study.js';
import { unidentifiedCheck } from '../../../src/pacs/checks/unidentified.js';
import { runCheck } from '../../../src/pacs/run-check.js';
import { TaskState } from '../../../src/pacs/types.js';
import { backends, type TestStore } from '../../audit/helpers.js';
import { fakeConnector, fakeContext, siteConfig, study, task } from './fakes.js';

describe('what each check means for the audit trail', () => {
  it('gives every side effect an audit type of its own: a retry is never recorded as a cancel', () => {
    const types = Object.fromEntries(pacsChecks.flatMap((c) => (c.sideEffects ? [[c.id, c.audit.type]] : [])));
    expect(types).toEqual({
      [CheckId.JobRetry]: AuditType.PacsTaskRetried,
      [CheckId.JobCancel]: AuditType.PacsTaskCancelled,
      [CheckId.FetchPrior]: AuditType.PacsStudyFetched,
    });
  });

  it('has every check that shows patient data say which studies it shows, and no other check', () => {
    const declaring = pacsChecks.filter((c) => !c.sideEffects && c.accessed !== undefined).map((c) => c.id);
    expect(declaring).toEqual(pacsChecks.filter((c) => c.returnsPhi).map((c) => c.id));
    expect(declaring).toEqual([
      CheckId.Study,
      CheckId.Worklist,
      CheckId.Priors,
      CheckId.Unidentified,
      CheckId.Anomalies,
    ]);
  });

  it('study: accessed lists exactly the studies shown; a list too long to show is a refusal; failed sites are named', async () => {
    const records = [study(), study({ studyInstanceUid: '2.25.1002', patientId: 'SYN-PAT-002' })];
    const main = fakeConnector(siteConfig('main'), { studies: records });
    const east = fakeConnector(siteConfig('east'), { failFind: true });
    const ctx = fakeContext([main, east], { maxMatches: 2 });
    const result = await studyCheck.run(ctx, { by: 'accession', id: 'SYN0001' });
    expect(studyCheck.accessed(result)).toEqual(result.matches.map((m) => m.record));
    expect(studyCheck.accessed(result)).toEqual(records);
    expect(studyCheck.refused?.(result)).toBeUndefined();
    expect(studyCheck.partialFailures?.(result)).toEqual(['site east: error']);

    const tooMany = await studyCheck.run(fakeContext([main], { maxMatches: 1 }), { by: 'accession', id: 'SYN0001' });
    expect(studyCheck.accessed(tooMany)).toEqual([]);
    expect(studyCheck.refused?.(tooMany)).toBe('more than 1 matches, no list shown');
  });

  it('unidentified: accessed lists exactly the flagged studies it lists', async () => {
    const flagged = study({ patientId: '', studyDate: '2026-11-28' });
    const main = fakeConnector(siteConfig('main'), { studies: [flagged, study({ studyDate: '2026-11-27' })] });
    const result = await unidentifiedCheck.run(fakeContext([main]), {});
    expect(unidentifiedCheck.accessed(result)).toEqual([flagged]);
    expect(unidentifiedCheck.accessed(result)).toEqual(result.flagged.map((f) => f.record));
  });

  it('a side effect without an audit type, or a patient-data read without `accessed`, is not a check spec', () => {
    // Compile-time facts, written as values: if the rule were dropped, `Fits<…>` would become `true` and these
    // `false` annotations would fail the type check (npm run typecheck), so the rule cannot silently go away.
    type Fits<T, U> = [T] extends [U] ? true : false;
    type Spec<Id extends CheckId> = CheckSpec<Id, { taskId: string }, { ok: boolean }>;
    type Common = Omit<Spec<typeof CheckId.JobRetry>, 'sideEffects' | 'returnsPhi' | 'audit' | 'accessed' | 'id'>;
    type Retry = Common & { id: typeof CheckId.JobRetry; sideEffects: true; returnsPhi: false };
    type Study = Common & { id: typeof CheckId.Study; sideEffects: false; returnsPhi: true };
    const retryWithoutAudit: Fits<Retry, Spec<typeof CheckId.JobRetry>> = false;
    const retryWithAudit: Fits<Retry & { audit: { type: 'PacsTaskRetried' } }, Spec<typeof CheckId.JobRetry>> = true;
    const studyWithoutAccessed: Fits<Study, Spec<typeof CheckId.Study>> = false;
    const studyWithAccessed: Fits<Study & { accessed: () => [] }, Spec<typeof CheckId.Study>> = true;
    expect([retryWithoutAudit, retryWithAudit, studyWithoutAccessed, studyWithAccessed]).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });
});

describe('runCheck writes the audit type its check declares', () => {
  let store: TestStore;
  let audit: AuditLog;
  beforeEach(async () => {
    const sqlite = backends[0];
    if (!sqlite) throw new Error('no SQLite backend');
    store = await sqlite.open();
    audit = createAuditLog(store.database);
  });
  afterEach(() => store.cleanup());

  it.each([
    { command: 'retry', job: task({ id: 'job-1', state: TaskState.Failed }), type: AuditEventType.PacsTaskRetried },
    { command: 'cancel', job: task({ id: 'job-1', state: TaskState.Running }), type: AuditEventType.PacsTaskCancelled },
  ])('$command is recorded as $type.meaning when confirmed', async ({ command, job, type }) => {
    const main = fakeConnector(siteConfig('main'), { tasks: [job], writes: true });
    const deps = { registry: createCheckRegistry(), ctx: fakeContext([main], { allowWrites: true }), audit };
    const actor = { userId: 'U0ADMIN' };
    const outcome = await runCheck(deps, {
      command,
      text: job.id,
      actor,
      role: Role.Admin,
      source: 'slack',
      confirmed: true,
    });
    expect(outcome).toMatchObject({ kind: 'result', result: { ok: true } });
    expect(main.calls[command === 'retry' ? 'retry' : 'cancel']).toEqual([job.id]);
    const records = await audit.list();
    expect(records.map((r) => [r.eventId, r.eventTypeCode, r.eventTypeMeaning, r.outcome])).toEqual([
      [AuditEvent.ApplicationActivity.id, `${type.scheme}:${type.code}`, type.meaning, AuditOutcome.Success],
    ]);
  });
});
