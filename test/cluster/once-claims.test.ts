import { afterAll, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../src/cluster/backends/postgres.js';
import { createClaims } from '../../src/cluster/claims.js';
import { createOnceClaims } from '../../src/cluster/once-claims.js';
import { createDatabase } from '../../src/db/create-database.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir();
afterAll(() => dir.remove());

describe('once-only claims over the database', () => {
  it('SQLite: one of four concurrent claims wins, and the claim survives a restart', async () => {
    const first = await createDatabase({ dataDir: dir.path });
    const once = createOnceClaims(createClaims(postgresBackend(first.db)));
    const results = await Promise.all([1, 2, 3, 4].map(() => once.claim('reaction-ticket:C1:1.0')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await once.claim('reaction-ticket:C1:2.0')).toBe(true);
    await first.close();
    const second = await createDatabase({ dataDir: dir.path });
    expect(await createOnceClaims(createClaims(postgresBackend(second.db))).claim('reaction-ticket:C1:1.0')).toBe(
      false,
    );
    await second.close();
  });

  it('PostgreSQL: two replicas (two pools) racing on one key act once; a release by the loser changes nothing', async () => {
    const temp = await createTempDatabase();
    try {
      const open = () => createDatabase({ dataDir: dir.path, databaseUrl: temp.url });
      const a = await open();
      const b = await open();
      const onA = createOnceClaims(createClaims(postgresBackend(a.db)));
      const onB = createOnceClaims(createClaims(postgresBackend(b.db)));
      const results = await Promise.all([onA.claim('pacs-confirm:x'), onB.claim('pacs-confirm:x')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const loser = results[0] ? onB : onA;
      await loser.release('pacs-confirm:x');
      expect(await onA.claim('pacs-confirm:x')).toBe(false);
      const winner = results[0] ? onA : onB;
      await winner.release('pacs-confirm:x');
      expect(await loser.claim('pacs-confirm:x')).toBe(true);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await temp.drop();
    }
  });

  it('a claim ends after its TTL', async () => {
    const database = await createDatabase({ dataDir: dir.path });
    let at = Date.now();
    const once = createOnceClaims(createClaims(postgresBackend(database.db), { now: () => at }));
    expect(await once.claim('guide-step:a:1', 1000)).toBe(true);
    at += 999;
    expect(await once.claim('guide-step:a:1', 1000)).toBe(false);
    at += 2;
    expect(await once.claim('guide-step:a:1', 1000)).toBe(true);
    await database.close();
  });
});
