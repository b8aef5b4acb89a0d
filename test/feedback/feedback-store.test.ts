import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import { createFeedbackStore } from '../../src/feedback/feedback-store.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

const backends = [
  {
    name: 'SQLite',
    async open() {
      const dir = tempDir();
      const database = await createDatabase({ dataDir: dir.path });
      return { database, cleanup: async () => dir.remove() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const temp = await createTempDatabase();
      const database = await createDatabase({ dataDir: '/unused', databaseUrl: temp.url });
      return { database, cleanup: () => temp.drop() };
    },
  },
];

describe.each(backends)('feedback store on $name', (backend) => {
  let database: AppDatabase;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await backend.open());
  });
  afterAll(async () => {
    await database.close();
    await cleanup();
  });

  it('stores a vote and lists it for the KB owners', async () => {
    const store = createFeedbackStore(database);
    await store.record({
      answerId: 'a1',
      userId: 'U1',
      rating: 'up',
      question: 'q1',
      sources: ['viewer/x.md'],
      mode: 'extractive',
    });
    const rows = await store.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      answerId: 'a1',
      userId: 'U1',
      rating: 'up',
      sources: ['viewer/x.md'],
      mode: 'extractive',
    });
  });

  it('keeps one row per answer and user: a second click changes the vote, a reason is added later', async () => {
    const store = createFeedbackStore(database);
    await store.record({ answerId: 'a2', userId: 'U1', rating: 'up', question: 'q', sources: [], mode: 'llm' });
    await store.record({ answerId: 'a2', userId: 'U1', rating: 'down', question: 'q', sources: [], mode: 'llm' });
    await store.record({
      answerId: 'a2',
      userId: 'U1',
      rating: 'down',
      reason: 'outdated',
      question: 'q',
      sources: [],
      mode: 'llm',
    });
    await store.record({ answerId: 'a2', userId: 'U1', rating: 'down', question: 'q', sources: [], mode: 'llm' });
    const rows = (await store.list()).filter((r) => r.answerId === 'a2');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 'down', reason: 'outdated' });
    expect(await store.list({ rating: 'up' })).toHaveLength(1);
  });

  it('records each migration it ran, so the next start runs none again', async () => {
    const { sql } = await import('kysely');
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    expect(rows.rows.map((r) => r.name)).toContain('001-answer-feedback');
  });
});
