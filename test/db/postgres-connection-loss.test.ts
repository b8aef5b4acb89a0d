import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/create-database.js';
import { adminUrl, createTempDatabase } from '../helpers/postgres.js';
import { waitUntil } from '../helpers/wait-until.js';

describe('R7: PostgreSQL dropping the bot’s connections (restart, failover)', () => {
  const temp = createTempDatabase();
  afterAll(async () => (await temp).drop());

  it('R7: an idle connection ended by the server is reported, the process survives, and the next query reconnects', async () => {
    const { url } = await temp;
    const lost: Error[] = [];
    const database = await createDatabase({
      dataDir: '/unused',
      databaseUrl: url,
      onConnectionLost: (e) => lost.push(e),
    });
    try {
      await sql`select 1`.execute(database.db); // leaves an idle client in the pool
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const name = new URL(url).pathname.slice(1);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      await admin.end();
      await waitUntil(() => expect(lost.length).toBeGreaterThan(0));
      expect((lost[0] as Error & { code?: string }).code).toBe('57P01'); // admin_shutdown
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });
});
