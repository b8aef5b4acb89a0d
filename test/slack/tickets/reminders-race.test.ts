import { afterEach, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../../src/cluster/backends/postgres.js';
import { createClaims } from '../../../src/cluster/claims.js';
import { createLogger } from '../../../src/core/logger.js';
import { type AppDatabase, createDatabase } from '../../../src/db/create-database.js';
import { runReminders } from '../../../src/slack/tickets/reminders.js';
import type { TicketContext } from '../../../src/slack/tickets/ticket-context.js';
import type { TicketStore } from '../../../src/tickets/store-types.js';
import { createTicketStore } from '../../../src/tickets/ticket-store.js';
import { TimelineKind } from '../../../src/tickets/types.js';
import { deferred } from '../../helpers/deferred.js';
import { createTempDatabase } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/temp-dir.js';

let now = Date.parse('2026-03-02T08:00:00Z');
const clock = () => now;

/**
 * Two replicas' handles on one shared database. PostgreSQL: each its own pool, like two processes. SQLite serves
 * one process, whose one connection both runners share (two in one thread would block each other).
 */
const cases = [
  {
    name: 'SQLite',
    async open() {
      const dir = tempDir('reminders-race-');
      const database = await createDatabase({ dataDir: dir.path });
      const close = async () => {
        await database.close();
        dir.remove();
      };
      return { dbs: [database, database], close };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const temp = await createTempDatabase();
      const dir = tempDir('reminders-race-');
      const dbs: AppDatabase[] = [];
      for (let i = 0; i < 2; i++) dbs.push(await createDatabase({ dataDir: dir.path, databaseUrl: temp.url }));
      const close = async () => {
        for (const database of dbs) await database.close();
        await temp.drop();
        dir.remove();
      };
      return { dbs, close };
    },
  },
];

describe.each(cases)('ticket reminders racing on one tick ($name)', (backend) => {
  let dbs: AppDatabase[] = [];
  let close = async () => {};
  afterEach(async () => {
    await close();
  });

  async function setUp() {
    now = Date.parse('2026-03-02T08:00:00Z');
    ({ dbs, close } = await backend.open());
    const posts: string[] = [];
    const replica = (database: AppDatabase, owner: string) => {
      const store = createTicketStore(database, { now: clock });
      const notifier = {
        postInCardThread: async (t: { key: string }, text: string) =>
          void posts.push(`${t.key} ${text.includes('breached') ? 'breach' : 'untouched'}`),
        refreshCard: async () => {},
      };
      const ctx = {
        store,
        notifier,
        logger: createLogger({ level: 'silent' }),
        now: clock,
      } as unknown as TicketContext;
      return { ctx, store, claims: createClaims(postgresBackend(database.db), { owner, now: clock }) };
    };
    const [a, b] = [replica(dbs[0] as AppDatabase, 'replica-a'), replica(dbs[1] as AppDatabase, 'replica-b')];
    const stat = await a.store.create(
      { requesterId: 'U1', summary: 'CT missing', description: '', category: 'missing_study', urgency: 'stat' },
      'U1',
    );
    const routine = await a.store.create(
      { requesterId: 'U1', summary: 'Hanging protocol', description: '', category: 'other', urgency: 'routine' },
      'U1',
    );
    now = Date.parse('2026-03-02T10:15:00Z'); // stat breached (60 min); both untouched for over 120 min
    return { a, b, posts, stat, routine };
  }

  /**
   * A pass on B stops at `pauseAt` (after reading who is due, or after re-reading the routine ticket just before
   * its note), A runs a whole pass, then B carries on from what it read: a paused old leader. A pass on B that
   * never reaches the pause (it lost a claim first) simply finishes.
   */
  async function staleRace(
    { a, b, routine }: Awaited<ReturnType<typeof setUp>>,
    pauseAt: 'due' | 'recheck',
    withClaims: boolean,
  ) {
    const { promise: bPaused, resolve: paused } = deferred();
    const { promise: aDone, resolve: resume } = deferred();
    const store: TicketStore = Object.create(b.store);
    const pause = async <T>(value: T) => {
      paused();
      await aDone;
      return value;
    };
    if (pauseAt === 'due') store.needingReminder = async (...args) => pause(await b.store.needingReminder(...args));
    else store.get = async (key) => (key === routine.key ? pause(await b.store.get(key)) : b.store.get(key));
    const bRun = runReminders({ ...b.ctx, store }, 120, withClaims ? b.claims : undefined);
    await Promise.race([bPaused, bRun]);
    const aRun = await runReminders(a.ctx, 120, withClaims ? a.claims : undefined);
    resume();
    return [aRun, await bRun];
  }

  it('a paused pass that read who is due before the other posted does not repeat a note', async () => {
    const race = await setUp();
    const { a, posts, stat, routine } = race;
    const [aRun, bRun] = await staleRace(race, 'due', true);
    expect(aRun).toEqual({ breached: [stat.key], untouched: [routine.key] });
    expect(bRun).toEqual({ breached: [], untouched: [] });
    expect(posts.sort()).toEqual([`${stat.key} breach`, `${routine.key} untouched`]);
    const reminders = async (key: string) =>
      (await a.store.timeline(key)).filter((e) => e.kind === TimelineKind.Reminder).length;
    expect([await reminders(stat.key), await reminders(routine.key)]).toEqual([1, 1]);
  });

  it('a pass paused between its last check and its note: once with claims, twice without', async () => {
    const race = await setUp();
    await staleRace(race, 'recheck', true);
    expect(race.posts.sort()).toEqual([`${race.stat.key} breach`, `${race.routine.key} untouched`]);
    await close();
    const bare = await setUp();
    await staleRace(bare, 'recheck', false);
    expect(bare.posts.filter((p) => p === `${bare.routine.key} untouched`)).toHaveLength(2);
  });

  it('a pass that lost the breach claim to a pass still writing its note posts no untouched note for that ticket', async () => {
    const { a, b, posts, stat, routine } = await setUp();
    const { promise: aWriting, resolve: writing } = deferred();
    const { promise: bDone, resolve: done } = deferred();
    const store: TicketStore = Object.create(a.store);
    store.addEntry = async (key, entry) => {
      if (key === stat.key) {
        writing();
        await bDone;
      }
      return a.store.addEntry(key, entry);
    };
    const aRun = runReminders({ ...a.ctx, store }, 120, a.claims);
    await aWriting; // A holds the breach claim and has not written its note yet
    await runReminders(b.ctx, 120, b.claims);
    done();
    await aRun;
    expect(posts.sort()).toEqual([`${stat.key} breach`, `${routine.key} untouched`]);
  });

  it('two passes started together post each note once, and the next period once more', async () => {
    const { a, b, posts, stat, routine } = await setUp();
    await Promise.all([runReminders(a.ctx, 120, a.claims), runReminders(b.ctx, 120, b.claims)]);
    expect(posts.sort()).toEqual([`${stat.key} breach`, `${routine.key} untouched`]);
    now += 121 * 60_000; // both untouched again since their notes: one more note each, the breach never again
    await Promise.all([runReminders(a.ctx, 120, a.claims), runReminders(b.ctx, 120, b.claims)]);
    expect(posts.filter((p) => p.endsWith('untouched')).sort()).toEqual(
      [`${routine.key} untouched`, `${routine.key} untouched`, `${stat.key} untouched`].sort(),
    );
    expect(posts.filter((p) => p.endsWith('breach'))).toEqual([`${stat.key} breach`]);
  });
});
