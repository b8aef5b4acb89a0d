import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applicationActivity, auditedAction, securityAlert } from '../../src/audit/audit-actions.js';
import { AuditOutcome, AuditType } from '../../src/audit/audit-events.js';
import { type AuditLog, createAuditLog, isAuditUnavailable } from '../../src/audit/audit-log.js';
import { type LookupAudit, withAudit } from '../../src/audit/with-audit.js';
import { BotError, ErrorCode } from '../../src/core/errors.js';
import { Dialect } from '../../src/db/dialect.js';
import { backends, steppingClock, type TestStore } from './helpers.js';

interface Study {
  patientId?: string;
  studyInstanceUid: string;
  patientName?: string;
}

const studies: Study[] = [
  { patientId: 'P-1', studyInstanceUid: '1.2.826.0.1.1', patientName: 'SMITH^JOHN' },
  { patientId: 'P-2', studyInstanceUid: '1.2.826.0.1.2', patientName: 'DOE^JANE' },
  { patientId: 'P-1', studyInstanceUid: '1.2.826.0.1.3', patientName: 'SMITH^JOHN' },
];

const lookup: LookupAudit<Study[]> = {
  actor: { userId: 'U0SUPPORT', teamId: 'T0HOSP' },
  source: 'slack',
  site: 'main',
  command: 'pacs.study',
  query: { patientId: 'P-1', limit: 6 },
  correlationId: 'Ev42',
  accessed: (found) => found,
};

describe.each(backends)('withAudit on $name', (backend) => {
  let store: TestStore;
  let log: AuditLog;
  beforeEach(async () => {
    store = await backend.open();
    log = createAuditLog(store.database, { now: steppingClock() });
  });
  afterEach(() => store.cleanup());

  it('writes the Query record before the lookup runs, then one Instances Accessed record per patient', async () => {
    const run = vi.fn(async () => {
      expect((await log.list()).map((r) => [r.eventId, r.outcome])).toEqual([['110112', 0]]);
      return studies;
    });
    expect(await withAudit(log, lookup, run)).toBe(studies);
    expect(run).toHaveBeenCalledTimes(1);
    const records = await log.list();
    expect(records.map((r) => [r.eventId, r.action, r.outcome, r.patientId, r.studyUids])).toEqual([
      ['110112', 'E', 0, null, []],
      ['110103', 'R', 0, 'P-1', ['1.2.826.0.1.1', '1.2.826.0.1.3']],
      ['110103', 'R', 0, 'P-2', ['1.2.826.0.1.2']],
    ]);
    for (const r of records)
      expect(r).toMatchObject({ actorUserId: 'U0SUPPORT', actorTeamId: 'T0HOSP', source: 'slack', site: 'main' });
    expect(records.every((r) => r.correlationId === 'Ev42' && r.query?.patientId === 'P-1')).toBe(true);
    expect(records[1]?.description).toBe('pacs.study: 2 studies shown');
    expect(await log.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('records a failed lookup with outcome 8 and a PHI-free description, no Instances Accessed, and rethrows', async () => {
    const timeout = Object.assign(new Error('QIDO timeout for SMITH^JOHN (MRN 12345678)'), { name: 'TimeoutError' });
    await expect(withAudit(log, lookup, () => Promise.reject(timeout))).rejects.toBe(timeout);
    const records = await log.list();
    expect(records.map((r) => [r.eventId, r.outcome, r.description])).toEqual([
      ['110112', 0, 'pacs.study issued'],
      ['110112', 8, 'pacs.study failed: TimeoutError'],
    ]);
    expect(JSON.stringify(records)).not.toMatch(/SMITH|12345678/);
  });

  it('records a refusal (too many matches, bad input) as a minor failure, outcome 4', async () => {
    const refusal = new BotError(ErrorCode.BadInput, 'more than 5 patients match');
    await expect(withAudit(log, lookup, () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect((await log.list()).map((r) => [r.outcome, r.description])).toEqual([
      [0, 'pacs.study issued'],
      [4, 'pacs.study failed: bad_input'],
    ]);
  });

  it('P8 U3: a refused result adds a Query record with outcome 4, a partly failed one outcome 8 per failure, PHI-free', async () => {
    const refusing: LookupAudit<Study[]> = {
      ...lookup,
      accessed: () => [],
      refused: () => 'more than 5 matches, no list shown',
      partialFailures: () => ['site east: pacs_timeout'],
    };
    await withAudit(log, refusing, async () => studies);
    expect((await log.list()).map((r) => [r.eventId, r.outcome, r.description])).toEqual([
      ['110112', 0, 'pacs.study issued'],
      ['110112', 4, 'pacs.study refused: more than 5 matches, no list shown'],
      ['110112', 8, 'pacs.study failed: site east: pacs_timeout'],
    ]);
  });

  it('U1: a check run by the bot for a person records the person as actor and the bot as agent', async () => {
    await withAudit(log, { ...lookup, actor: { userId: 'U0REQ', teamId: 'T0HOSP', agent: 'pacs-desk' } }, async () =>
      studies.slice(0, 1),
    );
    const records = await log.list();
    expect(records.map((r) => [r.eventId, r.actorUserId, r.agent])).toEqual([
      ['110112', 'U0REQ', 'pacs-desk'],
      ['110103', 'U0REQ', 'pacs-desk'],
    ]);
    expect(records[0]?.query).toEqual({ agent: 'pacs-desk', limit: 6, patientId: 'P-1' });
    expect((await log.verify()).ok).toBe(true);
  });

  it('U4: bot start and stop are Application Activity records with 110120 / 110121', async () => {
    await applicationActivity(log, 'ApplicationStart', 'started in http mode');
    await applicationActivity(log, 'ApplicationStop', 'stopped on SIGTERM');
    expect((await log.list()).map((r) => [r.eventId, r.eventTypeCode, r.outcome, r.actorUserId])).toEqual([
      ['110100', 'DCM:110120', 0, 'pacs-desk'],
      ['110100', 'DCM:110121', 0, 'pacs-desk'],
    ]);
  });

  it('never runs the lookup when the Query record cannot be written', async () => {
    const run = vi.fn(async () => studies);
    if (store.database.dialect === Dialect.Sqlite) {
      await sql`pragma query_only = on`.execute(store.database.db);
      await expect(withAudit(log, lookup, run)).rejects.toSatisfy(isAuditUnavailable);
      await sql`pragma query_only = off`.execute(store.database.db);
    }
    await store.database.close();
    const error = await withAudit(log, lookup, run).catch((e: unknown) => e);
    expect(isAuditUnavailable(error)).toBe(true);
    expect((error as BotError).userMessage).toMatch(/temporarily unavailable/);
    expect(run).not.toHaveBeenCalled();
  });

  it('withholds the result when an Instances Accessed record cannot be written', async () => {
    const failing: AuditLog = {
      ...log,
      append: (event) =>
        event.event === 'InstancesAccessed' ? store.database.close().then(() => log.append(event)) : log.append(event),
    };
    await expect(withAudit(failing, lookup, async () => studies)).rejects.toSatisfy(isAuditUnavailable);
  });

  it('records a Security Alert for a forbidden role or rejected input', async () => {
    const denied = await securityAlert(log, {
      ...lookup,
      command: 'pacs.retry',
      description: 'viewer tried pacs.retry',
    });
    expect(denied).toMatchObject({
      eventId: '110113',
      eventTypeCode: 'DCM:110132',
      eventTypeMeaning: 'Use of Restricted Function',
      outcome: 4,
      command: 'pacs.retry',
    });
    const roles = await securityAlert(log, {
      ...lookup,
      type: AuditType.SecurityRolesChanged,
      outcome: AuditOutcome.Success,
      description: 'role map reloaded',
    });
    expect(roles).toMatchObject({ eventTypeCode: 'DCM:110136', outcome: 0 });
  });

  it('audits a side-effecting PACS action before it runs, and its failure after', async () => {
    const action = {
      ...lookup,
      event: 'ApplicationActivity' as const,
      type: 'PacsTaskRetried' as const,
      description: 'retry task',
    };
    expect(await auditedAction(log, action, async () => 'ok')).toBe('ok');
    await expect(auditedAction(log, action, () => Promise.reject(new Error('HTTP 500')))).rejects.toThrow('HTTP 500');
    expect((await log.list()).map((r) => [r.eventId, r.eventTypeCode, r.outcome, r.description])).toEqual([
      ['110100', '99PACSDESK:PD001', 0, 'retry task requested'],
      ['110100', '99PACSDESK:PD001', 0, 'retry task requested'],
      ['110100', '99PACSDESK:PD001', 8, 'retry task failed: error'],
    ]);
  });
});
