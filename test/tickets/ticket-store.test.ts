import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/db/create-database.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { backends, fakeClock, newTicket, type TestLocation } from './helpers.js';

const slaTargets = { stat: 60, urgent: 240, routine: 4320 };

describe.each(backends)('ticket store on $name', (backend) => {
  let location: TestLocation;
  let database: AppDatabase;
  const clock = fakeClock();
  const store = () => createTicketStore(database, { slaTargets, now: clock.now });

  beforeAll(async () => {
    location = await backend.location();
    database = await location.open();
  });
  afterAll(async () => {
    await database.close();
    await location.cleanup();
  });

  it('creates a ticket with a PACS key, status new, version 1, an SLA due date and a created entry', async () => {
    const t = await store().create(newTicket({ accession: 'A1234567', source: { channel: 'D1', ts: '1.2' } }), 'U0REQ');
    expect(t).toMatchObject({
      key: expect.stringMatching(/^PACS-\d+$/),
      status: 'new',
      version: 1,
      accession: 'A1234567',
      source: { channel: 'D1', ts: '1.2' },
      createdAt: clock.iso(),
      slaDueAt: new Date(clock.now() + 240 * 60_000).toISOString(),
    });
    expect(await store().get(t.key)).toEqual(t);
    const timeline = await store().timeline(t.key);
    expect(timeline).toMatchObject([{ kind: 'created', actorId: 'U0REQ', ticketKey: t.key }]);
  });

  it('gives 50 concurrent creates 50 stored tickets with 50 unique keys', async () => {
    const s = store();
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.create(newTicket({ summary: `t${i}` }), 'U0REQ')),
    );
    const keys = new Set(created.map((t) => t.key));
    expect(keys.size).toBe(50);
    const stored = await Promise.all([...keys].map((k) => s.get(k)));
    expect(stored.every((t) => t !== undefined)).toBe(true);
    const numbers = [...keys].map((k) => Number(k.slice(5))).sort((a, b) => a - b);
    expect(numbers.at(-1)! - numbers[0]!).toBe(49);
  });

  it('lets the first of two concurrent assigns win; the loser sees who holds it', async () => {
    const s = store();
    const t = await s.create(newTicket(), 'U0REQ');
    const [a, b] = await Promise.all([s.assign(t.key, 'U0ANN', 'U0ANN'), s.assign(t.key, 'U0BOB', 'U0BOB')]);
    const winner = a.ok ? a : b;
    const loser = a.ok ? b : a;
    expect(winner).toMatchObject({ ok: true, changed: true });
    expect(loser).toMatchObject({ ok: false, reason: 'already_assigned' });
    const holder = winner.ok ? winner.ticket.assigneeId : undefined;
    expect(loser.ticket?.assigneeId).toBe(holder);
    expect(await s.assign(t.key, holder!, holder!)).toMatchObject({ ok: true, changed: false });
    const final = await s.get(t.key);
    expect(final).toMatchObject({ version: 2, firstResponseAt: clock.iso() });
    expect((await s.timeline(t.key)).filter((e) => e.kind === 'assignment')).toMatchObject([
      { data: { from: null, to: holder } },
    ]);
  });

  it('changes status once on a double click, requires a note to resolve, and keeps closed final', async () => {
    const s = store();
    const t = await s.create(newTicket(), 'U0REQ');
    const [x, y] = await Promise.all([
      s.setStatus(t.key, 'in_progress', 'U0ANN'),
      s.setStatus(t.key, 'in_progress', 'U0ANN'),
    ]);
    expect([x, y].filter((r) => r.ok && r.changed)).toHaveLength(1);
    expect([x, y].filter((r) => r.ok && !r.changed)).toHaveLength(1);
    expect(await s.setStatus(t.key, 'resolved', 'U0ANN')).toMatchObject({ ok: false, reason: 'invalid_transition' });
    expect(await s.setStatus(t.key, 'resolved', 'U0ANN', '  ')).toMatchObject({
      ok: false,
      reason: 'invalid_transition',
    });
    clock.advance(60_000);
    const resolved = await s.setStatus(t.key, 'resolved', 'U0ANN', 'Re-sent from the modality');
    expect(resolved).toMatchObject({
      ok: true,
      changed: true,
      ticket: { status: 'resolved', resolvedAt: clock.iso() },
    });
    const reopened = await s.setStatus(t.key, 'in_progress', 'U0REQ');
    expect(reopened.ok && reopened.ticket.resolvedAt).toBeFalsy();
    await s.setStatus(t.key, 'resolved', 'U0ANN', 'Fixed for real');
    const closed = await s.setStatus(t.key, 'closed', 'U0ANN');
    expect(closed).toMatchObject({ ok: true, ticket: { status: 'closed', closedAt: clock.iso() } });
    expect(await s.setStatus(t.key, 'in_progress', 'U0ANN')).toMatchObject({ ok: false, reason: 'invalid_transition' });
    const statusEntries = (await s.timeline(t.key)).filter((e) => e.kind === 'status');
    expect(statusEntries.map((e) => e.data)).toEqual([
      { from: 'new', to: 'in_progress' },
      { from: 'in_progress', to: 'resolved' },
      { from: 'resolved', to: 'in_progress' },
      { from: 'in_progress', to: 'resolved' },
      { from: 'resolved', to: 'closed' },
    ]);
    expect(statusEntries[1]?.body).toBe('Re-sent from the modality');
    expect((await s.get(t.key))?.version).toBe(6);
  });

  it('sets firstResponseAt on the first action by someone other than the requester', async () => {
    const s = store();
    const t = await s.create(newTicket(), 'U0REQ');
    await s.addComment(t.key, 'U0REQ', 'any news?');
    await s.addEntry(t.key, { actorId: 'system', kind: 'check', data: { ok: true } });
    expect((await s.get(t.key))?.firstResponseAt).toBeUndefined();
    clock.advance(5 * 60_000);
    const entry = await s.addComment(t.key, 'U0ANN', 'Looking now');
    expect(entry).toMatchObject({ kind: 'comment', actorId: 'U0ANN', body: 'Looking now', at: clock.iso() });
    clock.advance(60_000);
    await s.addComment(t.key, 'U0BOB', 'me too');
    expect(await s.get(t.key)).toMatchObject({ firstResponseAt: entry?.at, version: 5 });
    expect(await s.addComment('PACS-999999', 'U0ANN', 'x')).toBeUndefined();
  });

  it('recomputes the SLA when urgency changes, from the creation time', async () => {
    const s = store();
    const t = await s.create(newTicket({ urgency: 'routine' }), 'U0REQ');
    clock.advance(10 * 60_000);
    const r = await s.setUrgency(t.key, 'stat', 'U0ANN');
    expect(r).toMatchObject({ ok: true, changed: true, ticket: { urgency: 'stat', version: 2 } });
    expect(r.ok && r.ticket.slaDueAt).toBe(new Date(Date.parse(t.createdAt) + 60 * 60_000).toISOString());
    expect(await s.setUrgency(t.key, 'stat', 'U0ANN')).toMatchObject({ ok: true, changed: false });
    expect((await s.timeline(t.key)).at(-1)).toMatchObject({ kind: 'urgency', data: { from: 'routine', to: 'stat' } });
  });

  it('records CSAT once, from the requester, after resolution', async () => {
    const s = store();
    const t = await s.create(newTicket(), 'U0REQ');
    expect(await s.recordCsat(t.key, 5, 'U0REQ')).toMatchObject({ ok: false, reason: 'invalid_transition' });
    await s.setStatus(t.key, 'resolved', 'U0ANN', 'done');
    expect(await s.recordCsat(t.key, 5, 'U0ANN')).toMatchObject({ ok: false, reason: 'invalid_transition' });
    expect(await s.recordCsat(t.key, 4, 'U0REQ')).toMatchObject({ ok: true, changed: true, ticket: { csat: 4 } });
    expect(await s.recordCsat(t.key, 1, 'U0REQ')).toMatchObject({ ok: true, changed: false, ticket: { csat: 4 } });
    await expect(s.recordCsat(t.key, 7, 'U0REQ')).rejects.toThrow(/1 to 5/);
  });

  it('reports unknown keys as not_found', async () => {
    const s = store();
    expect(await s.assign('PACS-999999', 'U1', 'U1')).toEqual({ ok: false, reason: 'not_found' });
    expect(await s.setStatus('PACS-999999', 'triaged', 'U1')).toEqual({ ok: false, reason: 'not_found' });
    expect(await s.get('PACS-999999')).toBeUndefined();
  });

  it('finds a ticket by its triage card and lists by filter, newest first', async () => {
    const s = store();
    const t = await s.create(newTicket({ requesterId: 'U0CARD', category: 'hardware' }), 'U0CARD');
    await s.setCard(t.key, { channel: 'C0TRIAGE', ts: '171.01' });
    expect(await s.findByCard('C0TRIAGE', '171.01')).toMatchObject({
      key: t.key,
      card: { channel: 'C0TRIAGE', ts: '171.01' },
    });
    expect(await s.findByCard('C0TRIAGE', 'nope')).toBeUndefined();
    const u = await s.create(newTicket({ requesterId: 'U0CARD' }), 'U0CARD');
    await s.assign(u.key, 'U0ZED', 'U0ZED');
    expect((await s.list({ requesterId: 'U0CARD' })).map((x) => x.key)).toEqual([u.key, t.key]);
    expect((await s.list({ assigneeId: 'U0ZED' })).map((x) => x.key)).toEqual([u.key]);
    expect((await s.list({ requesterId: 'U0CARD', category: 'hardware' })).map((x) => x.key)).toEqual([t.key]);
    expect(await s.list({ status: [] })).toEqual([]);
    expect(await s.list({ limit: 2 })).toHaveLength(2);
    expect((await s.list({ status: ['closed'] })).every((x) => x.status === 'closed')).toBe(true);
  });

  it('lists open tickets past their SLA and those untouched for a while', async () => {
    const c = fakeClock('2026-04-01T08:00:00.000Z');
    const s = createTicketStore(database, { slaTargets, now: c.now });
    const stat = await s.create(newTicket({ urgency: 'stat', requesterId: 'U0REM' }), 'U0REM');
    const routine = await s.create(newTicket({ urgency: 'routine', requesterId: 'U0REM' }), 'U0REM');
    const done = await s.create(newTicket({ urgency: 'stat', requesterId: 'U0REM' }), 'U0REM');
    await s.setStatus(done.key, 'resolved', 'U0ANN', 'ok');
    c.advance(90 * 60_000);
    await s.addComment(routine.key, 'U0ANN', 'on it');
    c.advance(30 * 60_000);
    const { breached, untouched } = await s.needingReminder(new Date(c.now()), 60);
    const mine = (list: { key: string }[]) =>
      list.map((t) => t.key).filter((k) => [stat.key, routine.key, done.key].includes(k));
    expect(mine(breached)).toEqual([stat.key]);
    expect(mine(untouched)).toEqual([stat.key]);
  });

  it('writes no outbox rows unless asked, and one per create, comment and status change when asked', async () => {
    const plain = await store().create(newTicket(), 'U0REQ');
    const s = createTicketStore(database, { slaTargets, now: clock.now, outbox: true });
    const t = await s.create(
      newTicket({ description: 'Patient John Smith MRN 12345678 CT missing', accession: 'A7654321' }),
      'U0REQ',
    );
    await s.addComment(t.key, 'U0ANN', 'Called about DOB 01/02/1960');
    await s.setStatus(t.key, 'resolved', 'U0ANN', 'done');
    await s.setStatus(t.key, 'resolved', 'U0ANN', 'done');
    await s.setUrgency(t.key, 'stat', 'U0ANN');
    const rows = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_key', 'in', [plain.key, t.key])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.kind)).toEqual(['create', 'comment', 'status']);
    const all = rows.map((r) => r.payload).join('\n');
    for (const phi of ['John Smith', '12345678', 'A7654321', '01/02/1960']) expect(all).not.toContain(phi);
    expect(JSON.parse(rows[0]!.payload).description).toContain('ACC •••4321');
    expect(rows[0]?.idempotency_key).toBe(`${t.key}:create`);
  });

  it('records each migration it ran', async () => {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(rows.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['002-tickets', '003-ticket-outbox']));
  });
});
