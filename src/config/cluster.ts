import { z } from 'zod';
import { type Fixes, int, matching } from './fields.js';

/** Several replicas of the bot on shared PostgreSQL + Redis: how many, and the leases that share the work. */
export const clusterSchema = z.object({
  REPLICAS: int(1, 1, 64),
  REPLICA_ID: matching(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash and underscore, at most 64'),
  LEADER_LEASE_SECONDS: int(15, 3, 600),
  INBOX_LEASE_SECONDS: int(30, 5, 3600),
  INBOX_SWEEP_SECONDS: int(5, 1, 600),
});
type ClusterEnv = z.infer<typeof clusterSchema>;

export const clusterFixes = {
  REPLICAS: 'use the number of bot processes sharing DATABASE_URL and REDIS_URL (1 to 64); 1 runs on SQLite',
  REPLICA_ID: 'use a short name for this process, e.g. the pod name; unset it to use host name and process id',
  LEADER_LEASE_SECONDS: 'use seconds between 3 and 600; a dead leader is replaced within this time',
  INBOX_LEASE_SECONDS: 'use seconds between 5 and 3600; work of a dead replica is taken over after this time',
  INBOX_SWEEP_SECONDS: 'use seconds between 1 and 600',
} satisfies Fixes<ClusterEnv>;

export interface ClusterSection {
  /** Bot processes sharing the stores; above 1 needs PostgreSQL and Redis. */
  replicas: number;
  /** This process's name in leases, claims and logs; unset: host name and process id. */
  replicaId?: string;
  leaderLeaseMs: number;
  inboxLeaseMs: number;
  inboxSweepMs: number;
}

export function toCluster(
  e: ClusterEnv & { DATABASE_URL?: string; REDIS_URL?: string },
  problems: string[],
): ClusterSection {
  if (e.REPLICAS > 1 && !e.DATABASE_URL)
    problems.push(
      `REPLICAS: ${e.REPLICAS} replicas cannot share SQLite (it lives in one process's DATA_DIR) — fix: set DATABASE_URL=postgres://… (and REDIS_URL=redis://…), or REPLICAS=1`,
    );
  if (e.REPLICAS > 1 && !e.REDIS_URL)
    problems.push(
      `REPLICAS: ${e.REPLICAS} replicas need shared state (sessions, confirmations, rate limits) — fix: set REDIS_URL=redis://…, or REPLICAS=1`,
    );
  return {
    replicas: e.REPLICAS,
    replicaId: e.REPLICA_ID,
    leaderLeaseMs: e.LEADER_LEASE_SECONDS * 1000,
    inboxLeaseMs: e.INBOX_LEASE_SECONDS * 1000,
    inboxSweepMs: e.INBOX_SWEEP_SECONDS * 1000,
  };
}
