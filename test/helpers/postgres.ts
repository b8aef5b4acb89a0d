import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server every developer machine and CI run has (trust auth, database `test`). */
export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A throwaway database for one test file, so suites never see each other's rows. */
export async function createTempDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `desk_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
