import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { AppDatabase } from '../../src/db/create-database.js';
import { HelpdeskError } from '../../src/tickets/helpdesk/types.js';
import { createOutboxRelay, type DeadLetter } from '../../src/tickets/outbox/outbox-relay.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { fakeHelpdesk } from './fake-helpdesk.js';
import { backends, fakeClock, newTicket, type TestLocation } from './helpers.js';

const phi = 'Patient John Smith MRN 12345678 DOB 01/02/1960';

function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe.each(backends)('helpdesk outbox relay on $name', (backend) => {
  let location: TestLocation;
  let database: AppDatabase;

  beforeAll(async () => {
    location = await backend.location();
    database = await location.open();
  });
  afterAll(async () => {
    await database.close();
    await location.cleanup();
  });

  function setup(random = () => 0.5) {
    const clock = fakeClock();
    const helpdesk = fakeHelpdesk();
    const { logger, lines } = capturedLogger();
    const alerts: DeadLetter[] = [];
    const store = createTicketStore(database, { outbox: true, now: clock.now });
    const relay = createOutboxRelay({
      database,
      store,
      adapter: helpdesk.adapter,
      now: clock.now,
      logger,
      random,
      onDeadLetter: (dead) => void alerts.push(dead),
    });
    return { clock, helpdesk, store, relay, lines, alerts };
  }

  async function openTickets(store: ReturnType<typeof setup>['store'], n: number, requesterId: string) {
    const keys: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = await store.create(
        newTicket({ requesterId, description: `${phi} ticket ${i}`, accession: 'A7654321' }),
        requesterId,
      );
      await store.addComment(t.key, 'U0ANN', `Checked, ${phi}`);
      await store.setStatus(t.key, 'in_progress', 'U0ANN');
      keys.push(t.key);
    }
    return keys;
  }

  const effectsOf = (effects: string[], key: string) => effects.filter((e) => e.startsWith(`${key} `));

  it('R4: rides out a helpdesk outage of an hour, then delivers every ticket exactly once and in order', async () => {
    const { clock, helpdesk, store, relay, lines } = setup();
    const keys = await openTickets(store, 5, 'U0OUT');
    helpdesk.state.down = () => new HelpdeskError('503 Service Unavailable', { retryable: true, status: 503 });
    let totals = { delivered: 0, retried: 0, dead: 0 };
    const tick = async () => {
      const r = await relay.runOnce();
      totals = {
        delivered: totals.delivered + r.delivered,
        retried: totals.retried + r.retried,
        dead: totals.dead + r.dead,
      };
      clock.advance(30_000);
    };
    for (let i = 0; i < 120; i++) await tick();
    const attemptsWhileDown = helpdesk.calls.filter((c) => c === `${keys[0]} create`).length;
    expect(attemptsWhileDown).toBeGreaterThan(5);
    expect(attemptsWhileDown).toBeLessThan(16);
    expect(totals).toMatchObject({ delivered: 0, dead: 0 });
    helpdesk.state.down = undefined;
    for (let i = 0; i < 40; i++) await tick();
    expect(totals).toMatchObject({ delivered: 15, dead: 0 });
    for (const key of keys) {
      expect(effectsOf(helpdesk.effects, key)).toEqual([
        `${key} create`,
        `${key} comment`,
        `${key} status in_progress`,
      ]);
      expect((await store.get(key))?.external).toMatchObject({ system: 'jira', id: expect.stringMatching(/^SD-/) });
    }
    const sent = JSON.stringify([...helpdesk.tickets.values()].map((t) => t.input));
    for (const id of ['John Smith', '12345678', '01/02/1960', 'A7654321']) {
      expect(sent).not.toContain(id);
      expect(lines.join('')).not.toContain(id);
    }
    expect(sent).toContain('ACC •••4321');
  });

  it('R3: pushes tickets committed before the database was closed exactly once after the restart', async () => {
    const clock = fakeClock();
    const before = createTicketStore(database, { outbox: true, now: clock.now });
    const created = await Promise.all(
      [1, 2, 3].map(() => before.create(newTicket({ requesterId: 'U0CRASH' }), 'U0CRASH')),
    );
    await database.close(); // the process dies: nothing was pushed
    database = await location.open();
    const helpdesk = fakeHelpdesk();
    const store = createTicketStore(database, { outbox: true, now: clock.now });
    const relay = createOutboxRelay({
      database,
      store,
      adapter: helpdesk.adapter,
      now: clock.now,
      logger: capturedLogger().logger,
    });
    await relay.runOnce();
    await relay.runOnce();
    for (const t of created) {
      expect(helpdesk.calls.filter((c) => c === `${t.key} create`)).toHaveLength(1);
      expect((await store.get(t.key))?.key).toBe(t.key);
    }
  });

  it('R3: tickets committed by a process killed with SIGKILL before any push are pushed exactly once after restart', async () => {
    await database.close();
    const worker = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/tickets/create-worker.ts', location.dataDir, location.databaseUrl ?? '-', '3'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const keys: string[] = [];
    for await (const line of createInterface({ input: worker.stdout })) {
      if (line === 'done') break;
      keys.push(line);
    }
    const exited = new Promise((resolve) => worker.once('exit', (_code, signal) => resolve(signal)));
    worker.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    database = await location.open();
    const { clock, helpdesk, store, relay } = setup();
    clock.advance(Date.now() - clock.now()); // the worker stamped its rows with the real clock
    expect(await relay.runOnce()).toMatchObject({ delivered: 3, dead: 0 });
    expect(await relay.runOnce()).toMatchObject({ delivered: 0 });
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(helpdesk.calls.filter((c) => c === `${key} create`)).toHaveLength(1);
      expect((await store.get(key))?.external).toMatchObject({ system: 'jira' });
    }
  });

  it('does not duplicate a ticket whose create succeeded remotely but whose response was lost', async () => {
    const { clock, helpdesk, store, relay } = setup();
    const [key] = await openTickets(store, 1, 'U0LOST');
    helpdesk.state.loseNextCreateResponses = 1;
    expect(await relay.runOnce()).toMatchObject({ retried: 1, delivered: 0 });
    expect(helpdesk.tickets.has(key!)).toBe(true);
    clock.advance(60_000);
    expect(await relay.runOnce()).toMatchObject({ delivered: 3 });
    expect(helpdesk.calls.filter((c) => c === `${key} create`)).toHaveLength(2);
    expect(effectsOf(helpdesk.effects, key!)).toEqual([`${key} create`, `${key} comment`, `${key} status in_progress`]);
  });

  it('R4: dead-letters a ticket the helpdesk rejects, with its later rows, alerts once per row, and keeps delivering the others', async () => {
    const { clock, helpdesk, store, relay, lines, alerts } = setup();
    const [bad, good] = await openTickets(store, 2, 'U0DEAD');
    helpdesk.state.rejectKeys.add(bad!);
    expect(await relay.runOnce()).toEqual({ delivered: 3, retried: 0, dead: 1 });
    clock.advance(1000);
    expect(await relay.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 2 });
    expect(effectsOf(helpdesk.effects, good!)).toHaveLength(3);
    const dead = await database.db.selectFrom('outbox').selectAll().where('ticket_key', '=', bad!).execute();
    expect(dead.every((r) => r.dead_at !== null && r.delivered_at === null)).toBe(true);
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 50);
    expect(errors[0]).toMatchObject({
      ticketKey: bad,
      kind: 'create',
      status: 400,
      msg: expect.stringMatching(/dead-lettered/),
    });
    expect(lines.join('')).not.toContain('John Smith');
    expect(alerts).toEqual([
      { ticketKey: bad, kind: 'create', system: 'jira', attempts: 1, status: 400 },
      { ticketKey: bad, kind: 'comment', system: 'jira', attempts: undefined, status: undefined },
      { ticketKey: bad, kind: 'status', system: 'jira', attempts: undefined, status: undefined },
    ]);
    expect(JSON.stringify(alerts)).not.toContain('John Smith');
    expect(await relay.redriveDead()).toBe(3);
    helpdesk.state.rejectKeys.clear();
    expect(await relay.runOnce()).toMatchObject({ delivered: 3, dead: 0 });
  });

  it('R4: retries with capped exponential backoff, honours Retry-After, and dead-letters after maxAttempts', async () => {
    const clock = fakeClock();
    const helpdesk = fakeHelpdesk();
    const store = createTicketStore(database, { outbox: true, now: clock.now });
    const logger = capturedLogger().logger;
    const relay = createOutboxRelay({
      database,
      store,
      adapter: helpdesk.adapter,
      now: clock.now,
      logger,
      random: () => 0,
      maxAttempts: 4,
      baseDelayMs: 1000,
      maxDelayMs: 3000,
    });
    const t = await store.create(newTicket({ requesterId: 'U0BACK' }), 'U0BACK');
    const nextAt = async () =>
      await database.db
        .selectFrom('outbox')
        .select(['next_attempt_at', 'attempts'])
        .where('ticket_key', '=', t.key)
        .executeTakeFirstOrThrow();
    helpdesk.state.down = () =>
      new HelpdeskError('429 Too Many Requests', { retryable: true, status: 429, retryAfterSeconds: 120 });
    await relay.runOnce();
    expect(await nextAt()).toEqual({
      attempts: 1,
      next_attempt_at: new Date(clock.now() + 120_000).toISOString(),
    });
    helpdesk.state.down = () => new HelpdeskError('502 Bad Gateway', { retryable: true, status: 502 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const due = Date.parse((await nextAt()).next_attempt_at);
      clock.advance(due - clock.now() - 1);
      expect(await relay.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 0 }); // not due yet
      clock.advance(1);
      const r = await relay.runOnce();
      if (r.retried) waits.push(Date.parse((await nextAt()).next_attempt_at) - clock.now());
      else expect(r.dead).toBe(1);
    }
    expect(waits).toEqual([2000, 3000]);
    expect(helpdesk.calls).toHaveLength(4);
  });
});
