import { type QueryExecutorProvider, sql } from 'kysely';
import type { ClusterBackend } from './cluster-backend.js';

/**
 * Claims and leases in the `cluster_claims` and `cluster_leases` tables (migration `005-cluster`), shared by every
 * replica on the same database. Each step is one statement, so PostgreSQL's row lock makes it atomic: two
 * upserts of one key queue, and the second sees the first's row when it re-checks its WHERE. Expiry compares
 * the callers' clocks (ms since the epoch), so replicas need synchronised clocks (NTP), off by far less than a TTL.
 */
export function postgresBackend(db: QueryExecutorProvider): ClusterBackend {
  const rowsOf = async <T>(query: { execute(db: QueryExecutorProvider): Promise<{ rows: T[] }> }) =>
    (await query.execute(db)).rows;
  return {
    claims: {
      async claim(key, owner, ttlMs, at) {
        const rows = await rowsOf(sql`
          insert into cluster_claims (key, owner, expires_at) values (${key}, ${owner}, ${at + ttlMs})
          on conflict (key) do update set owner = excluded.owner, expires_at = excluded.expires_at
          where cluster_claims.expires_at <= ${at}
          returning key`);
        return rows.length === 1;
      },
      async release(key, owner) {
        await sql`delete from cluster_claims where key = ${key} and owner = ${owner}`.execute(db);
      },
      async extend(key, owner, ttlMs, at) {
        const rows = await rowsOf(sql`
          update cluster_claims set expires_at = ${at + ttlMs}
          where key = ${key} and owner = ${owner} and expires_at > ${at}
          returning key`);
        return rows.length === 1;
      },
      async prune(at) {
        const result = await sql`delete from cluster_claims where expires_at <= ${at}`.execute(db);
        return Number(result.numAffectedRows ?? 0);
      },
    },
    leases: {
      async acquire(name, holder, ttlMs, at) {
        // The token stays while the same holder's lease is live and grows on every other take-over.
        const rows = await rowsOf(sql<{ token: string | number }>`
          insert into cluster_leases (name, holder, token, expires_at) values (${name}, ${holder}, 1, ${at + ttlMs})
          on conflict (name) do update set
            token = case when cluster_leases.holder = excluded.holder and cluster_leases.expires_at > ${at}
              then cluster_leases.token else cluster_leases.token + 1 end,
            holder = excluded.holder, expires_at = excluded.expires_at
          where cluster_leases.expires_at <= ${at} or cluster_leases.holder = excluded.holder
          returning token`);
        return rows[0] === undefined ? undefined : Number(rows[0].token);
      },
      async renew(name, holder, token, ttlMs, at) {
        const rows = await rowsOf(sql`
          update cluster_leases set expires_at = ${at + ttlMs}
          where name = ${name} and holder = ${holder} and token = ${token} and expires_at > ${at}
          returning token`);
        return rows.length === 1;
      },
      async release(name, holder, token) {
        // Expire rather than delete: the row keeps the token, so the next leader's is higher.
        await sql`update cluster_leases set expires_at = 0
          where name = ${name} and holder = ${holder} and token = ${token}`.execute(db);
      },
    },
  };
}
