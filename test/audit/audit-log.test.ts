import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditOutcome, AuditType } from '../../src/audit/audit-events.js';
import { hashRow } from '../../src/audit/audit-hash.js';
import { createAuditLog, isAuditUnavailable } from '../../src/audit/audit-log.js';
import { Dialect } from '../../src/db/dialect.js';
import { backends, dropGuards, queryEvent, rawSql, steppingClock, type TestStore } from './helpers.js';

describe.each(backends)('audit log on $name', (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.cleanup());

  async function seeded(count = 3) {
    const log = createAuditLog(store.database, { now: steppingClock() });
    for (let i = 1; i <= count; i++) await log.append(queryEvent({ correlationId: `Ev${i}` }));
    return log;
  }

  it('appends hash-chained records with UTC millisecond timestamps, lists and verifies them', async () => {
    const log = createAuditLog(store.database, { now: steppingClock() });
    const first = await log.append(queryEvent());
    expect(first).toMatchObject({
      id: 1,
      recordedAt: '2026-01-05T09:00:00.000Z',
      eventId: '110112',
      eventMeaning: 'Query',
      action: 'E',
      eventTypeCode: null,
      outcome: 0,
      actorUserId: 'U0SUPPORT',
      actorTeamId: 'T0HOSP',
      source: 'slack',
      site: 'main',
      command: 'pacs.study',
      query: { accession: 'A1234567', limit: 6 },
      patientId: null,
      studyUids: [],
      correlationId: 'Ev0001',
      prevHash: '0'.repeat(64),
    });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const second = await log.append(
      queryEvent({
        event: 'InstancesAccessed',
        patientId: 'P-77',
        studyUids: ['1.2.3.4.5.6'],
        description: '1 study shown',
      }),
    );
    const alert = await log.append(
      queryEvent({
        event: 'SecurityAlert',
        type: AuditType.UseOfRestrictedFunction,
        outcome: AuditOutcome.MinorFailure,
        description: 'denied',
      }),
    );
    expect(second).toMatchObject({
      id: 2,
      eventId: '110103',
      action: 'R',
      prevHash: first.hash,
      studyUids: ['1.2.3.4.5.6'],
    });
    expect(alert).toMatchObject({
      eventId: '110113',
      eventTypeCode: 'DCM:110132',
      eventTypeMeaning: 'Use of Restricted Function',
    });

    expect(await log.list()).toEqual([first, second, alert]);
    expect((await log.list({ since: '2026-01-05T09:00:00.001Z' })).map((r) => r.id)).toEqual([2, 3]);
    expect((await log.list({ until: new Date('2026-01-05T09:00:00.002Z') })).map((r) => r.id)).toEqual([1, 2]);
    expect((await log.list({ limit: 1 })).map((r) => r.id)).toEqual([1]);
    expect(await log.verify()).toEqual({ ok: true, count: 3, headHash: alert.hash });
  });

  it('keeps one unforked chain under concurrent appends, also from another process', async () => {
    const worker = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/audit/append-worker.ts',
        store.location.dataDir,
        store.location.databaseUrl ?? '-',
        '40',
        'W',
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: worker.stdout });
    const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
    expect(await next()).toBe('ready');
    const done = next();
    worker.stdin.write('go\n');
    const log = createAuditLog(store.database);
    const other = createAuditLog(store.database);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? log : other).append(queryEvent({ correlationId: `P${i}` }))),
    );
    expect(await done).toBe('done');
    const records = await log.list();
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(records.filter((r) => r.correlationId?.startsWith('W'))).toHaveLength(40);
    expect(new Set(records.map((r) => r.prevHash)).size).toBe(80);
    expect(await log.verify()).toMatchObject({ ok: true, count: 80 });
  });

  it('U6: the database itself rejects UPDATE, DELETE, out-of-chain INSERT and head rewrites', async () => {
    const log = await seeded();
    const attempts = [
      `update audit_log set description = 'nothing happened' where id = 2`,
      'delete from audit_log where id = 3',
      `insert into audit_log (id, recorded_at, event_id, event_meaning, action, outcome, actor_user_id, source,
         study_uids, description, prev_hash, hash) values (99, 'x', '110112', 'Query', 'E', 0, 'U', 'cli', '[]', 'd', 'p', 'h')`,
      `update audit_head set seq = 2, hash = 'x'`,
      'delete from audit_head',
      ...(store.database.dialect === Dialect.Postgres ? ['truncate audit_log', 'truncate audit_head'] : []),
    ];
    for (const statement of attempts) await expect(rawSql(store.database, statement), statement).rejects.toThrow();
    expect(await log.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('U6: detects a record edited directly in the database, once the guards are dropped', async () => {
    const log = await seeded();
    await dropGuards(store.database);
    await rawSql(store.database, `update audit_log set actor_user_id = 'U0SOMEONE' where id = 2`);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash_mismatch', count: 1 });
  });

  it('U6: detects a record deleted from the middle, and one cut from the end', async () => {
    const log = await seeded(4);
    await dropGuards(store.database);
    await rawSql(store.database, 'delete from audit_log where id = 4');
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 4, reason: 'head_mismatch' });
    await rawSql(store.database, 'delete from audit_log where id = 2');
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: 'missing_record' });
  });

  it('U6: detects a record inserted in the middle, even with a correctly computed hash', async () => {
    const log = await seeded();
    const [first] = await log.list({ limit: 1 });
    await dropGuards(store.database);
    await rawSql(store.database, 'update audit_log set id = -id where id >= 2');
    await rawSql(store.database, 'update audit_log set id = 1 - id where id < 0');
    const forged = {
      ...(await store.database.db.selectFrom('audit_log').selectAll().where('id', '=', 3).executeTakeFirstOrThrow()),
    };
    const { hash: _old, ...unhashed } = { ...forged, id: 2, description: 'forged', prev_hash: first?.hash ?? '' };
    await store.database.db
      .insertInto('audit_log')
      .values({ ...unhashed, hash: hashRow(unhashed) })
      .execute();
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: 'link_mismatch', count: 2 });
  });

  it('U7: neutralises CR/LF, control and bidi characters in every free-text field before hashing and storing', async () => {
    const log = createAuditLog(store.database, { now: steppingClock() });
    const record = await log.append(
      queryEvent({
        actor: { userId: 'U1\r\n2026-01-05 INFO admin ok', teamId: 'T1\u0000' },
        query: { accession: 'A1\r\nX', 'k\ney': 1 },
        patientId: 'P\u202e1',
        studyUids: ['1.2\n3'],
        description: 'done\r\n2026-01-05T09:00:00Z INFO fake line, patient John Smith',
        correlationId: 'Ev\t1',
      }),
    );
    const stored = (await log.list())[0];
    expect(stored).toEqual(record);
    const text = JSON.stringify(Object.values(record));
    for (const raw of ['\r', '\n', '\t', '\u0000', '\u202e']) expect(text).not.toContain(raw);
    expect(record.actorUserId).toBe('U1\\r\\n2026-01-05 INFO admin ok');
    expect(record.query).toEqual({ accession: 'A1\\r\\nX', 'k\\ney': 1 });
    expect(record.patientId).toBe('P\\u{202e}1');
    expect(record.description).toContain('\\r\\n');
    expect(record.description).not.toContain('John Smith');
    expect(await log.verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('U5: fails closed with audit_unavailable when the database cannot be written', async () => {
    const log = createAuditLog(store.database, { lockTimeoutMs: 200 });
    await log.append(queryEvent());
    if (store.database.dialect === Dialect.Sqlite) {
      await sql`pragma query_only = on`.execute(store.database.db);
      await expect(log.append(queryEvent())).rejects.toSatisfy(isAuditUnavailable);
      await sql`pragma query_only = off`.execute(store.database.db);
    } else {
      // Another session holds the chain lock (a stuck writer, a DBA's open transaction): the append times out.
      const { rows } = await sql<{ url: string }>`select current_database() as url`.execute(store.database.db);
      const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
      url.pathname = `/${rows[0]?.url}`;
      const holder = new pg.Client({ connectionString: url.toString() });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query(`select * from audit_head where name = 'audit' for update`);
        const error = await log.append(queryEvent()).catch((e: unknown) => e);
        expect(isAuditUnavailable(error)).toBe(true);
        expect((error as Error).message).toBe('audit record could not be written');
      } finally {
        await holder.query('rollback');
        await holder.end();
      }
    }
    expect(await log.verify()).toMatchObject({ ok: true, count: 1 });
    await store.database.close();
    await expect(log.append(queryEvent())).rejects.toSatisfy(isAuditUnavailable);
  });
});
