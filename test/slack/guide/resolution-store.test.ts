import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppDatabase, createDatabase } from '../../../src/db/create-database.js';
import { createFeedbackStore } from '../../../src/feedback/feedback-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

let database: AppDatabase;
const dir = tempDir();
beforeAll(async () => {
  database = await createDatabase({ dataDir: dir.path });
});
afterAll(async () => {
  await database.close();
  dir.remove();
});

const base = { answerId: 'a1', userId: 'U1', question: 'q', sources: ['viewer/x.md'], mode: 'extractive' };

describe('"That fixed it" in the feedback store', () => {
  it('is a 👍 that names the step, kept by a later 👍 and dropped from view by a 👎', async () => {
    const store = createFeedbackStore(database);
    await store.recordResolution({ ...base, step: 2, total: 3, heading: 'Clear the cache', cite: 'viewer/x.md#clear' });
    let [row] = await store.list();
    expect(row).toMatchObject({ rating: 'up', resolution: 'step 2 of 3 "Clear the cache" (viewer/x.md#clear)' });

    await store.record({ ...base, rating: 'up' });
    [row] = await store.list();
    expect(row?.resolution).toContain('Clear the cache');

    await store.record({ ...base, rating: 'down' });
    [row] = await store.list();
    expect(row?.rating).toBe('down');
    expect(row?.resolution).toBeUndefined();
  });

  it('a plain vote has no resolution', async () => {
    const store = createFeedbackStore(database);
    await store.record({ ...base, answerId: 'a2', rating: 'up' });
    expect((await store.list()).find((r) => r.answerId === 'a2')?.resolution).toBeUndefined();
  });
});
