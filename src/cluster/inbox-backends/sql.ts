import { PostgresAdapter, type QueryExecutorProvider, type RawBuilder, sql } from 'kysely';
import { Dialect } from '../../db/dialect.js';
import type { InboxBackend } from '../inbox.js';

type Num = string | number; // pg returns bigint columns as strings

/**
 * The inbox in the `cluster_inbox` table (migration `006-inbox`), on PostgreSQL or SQLite. Each step is one
 * statement. On PostgreSQL a row lock makes it atomic: a concurrent statement on the same key waits, then
 * re-checks its WHERE against the new row; takeOver's `for update skip locked` lets two replicas pick disjoint
 * entries instead of queueing on the same ones. SQLite runs one writer at a time, so there the same statements
 * are atomic without locks (and it has no `for update`). `dialect` is read from the Kysely adapter unless given.
 */
export function sqlInboxBackend(db: QueryExecutorProvider, dialect = dialectOf(db)): InboxBackend {
  const rowsOf = async <T>(query: RawBuilder<T>) => (await query.execute(db)).rows;
  const lock = dialect === Dialect.Postgres ? sql`for update skip locked` : sql``;
  // At most `limit` expired pending entries, oldest first, that `fits` selects, as a CTE `picked`. Materialised:
  // PostgreSQL may otherwise re-run a `key in (… limit n for update skip locked)` subquery for each row the
  // update visits, and each run skips the rows the update already changed, so it takes more than `limit`.
  const picked = (at: number, limit: number, fits: RawBuilder<unknown>) => sql`
    with picked as materialized (
      select key from cluster_inbox where state = 'pending' and lease_until <= ${at} and ${fits}
      order by created_at, key limit ${limit} ${lock})`;
  return {
    async admit({ key, owner, payload, leaseUntil }, at) {
      // A done key past its keep time counts as gone (prune may not have run yet): admit it afresh.
      const rows = await rowsOf(sql`
        insert into cluster_inbox (key, owner, state, payload, attempts, lease_until, keep_until, created_at)
        values (${key}, ${owner}, 'pending', ${payload}, 0, ${leaseUntil}, null, ${at})
        on conflict (key) do update set owner = excluded.owner, state = 'pending', payload = excluded.payload,
          attempts = 0, lease_until = excluded.lease_until, keep_until = null, created_at = excluded.created_at
        where cluster_inbox.state = 'done' and cluster_inbox.keep_until <= ${at}
        returning key`);
      return rows.length === 1;
    },
    async heartbeat(key, owner, leaseUntil) {
      const rows = await rowsOf(sql`
        update cluster_inbox set lease_until = ${leaseUntil}
        where key = ${key} and owner = ${owner} and state = 'pending' returning key`);
      return rows.length === 1;
    },
    async complete(key, owner, keepUntil) {
      const rows = await rowsOf(sql`
        update cluster_inbox set state = 'done', payload = null, keep_until = ${keepUntil}
        where key = ${key} and owner = ${owner} and state = 'pending' returning key`);
      return rows.length === 1;
    },
    async abandon(key, owner) {
      await sql`update cluster_inbox set lease_until = 0
        where key = ${key} and owner = ${owner} and state = 'pending'`.execute(db);
    },
    async giveUp(maxAttempts, keepUntil, at, limit) {
      const rows = await rowsOf(sql<{ key: string; attempts: Num }>`
        ${picked(at, limit, sql`attempts >= ${maxAttempts}`)}
        update cluster_inbox set state = 'done', payload = null, keep_until = ${keepUntil}
        where key in (select key from picked)
          and state = 'pending' and lease_until <= ${at}
        returning key, attempts`);
      return rows.map((row) => ({ key: row.key, attempts: Number(row.attempts) }));
    },
    async takeOver(owner, leaseUntil, maxAttempts, at, limit) {
      const rows = await rowsOf(sql<{ key: string; payload: string; attempts: Num; created_at: Num }>`
        ${picked(at, limit, sql`attempts < ${maxAttempts}`)}
        update cluster_inbox set owner = ${owner}, lease_until = ${leaseUntil}, attempts = attempts + 1
        where key in (select key from picked)
          and state = 'pending' and lease_until <= ${at}
        returning key, payload, attempts, created_at`);
      return rows.map((row) => ({
        key: row.key,
        payload: row.payload,
        attempts: Number(row.attempts),
        createdAt: Number(row.created_at),
      }));
    },
    async prune(at) {
      const result = await sql`delete from cluster_inbox where state = 'done' and keep_until <= ${at}`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

function dialectOf(db: QueryExecutorProvider): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? Dialect.Postgres : Dialect.Sqlite;
}
