import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { ClusterBackend } from '../cluster/backends/cluster-backend.js';
import { createLeaderLease } from '../cluster/lease.js';
import type { Clock } from '../core/clock.js';
import { BotError, ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { AppDatabase } from '../db/create-database.js';
import type { BackgroundTask } from './background.js';

export const singleInstanceLease = 'single-instance';

/** The held lease: `start()` renews it every third of its TTL, `stop()` releases it. */
export interface SingleInstance extends BackgroundTask {
  stop(): Promise<void>;
}

/** What the operator reads when a second process opens the same SQLite DATA_DIR. */
export function anotherInstanceMessage(dataDir: string): string {
  return (
    `another PACS Desk is already running on DATA_DIR ${dataDir}; SQLite serves one process. ` +
    'Stop it, or give this one its own DATA_DIR, or run several replicas on DATABASE_URL=postgres://… and ' +
    'REDIS_URL=redis://… (REPLICAS=N).'
  );
}

/**
 * Holds the `single-instance` lease on the SQLite database for the life of the process: throws a BotError if
 * another live process holds it. A holder named `<this host>-<pid>` whose process is gone (a crash, then a
 * restart) is released at once, so a restart does not wait out its lease. The returned task renews the lease
 * every third of `ttlMs` and releases it on stop.
 */
export async function holdSingleInstance(deps: {
  database: AppDatabase;
  backend: ClusterBackend;
  holderId: string;
  dataDir: string;
  ttlMs: number;
  logger: Logger;
  now: Clock;
}): Promise<SingleInstance> {
  const lease = createLeaderLease(deps.backend, {
    name: singleInstanceLease,
    ttlMs: deps.ttlMs,
    holderId: deps.holderId,
    now: deps.now,
  });
  let held = await lease.tryAcquire();
  if (!held) {
    const holder = await currentHolder(deps.database);
    if (holder && isDeadLocalProcess(holder.holder)) {
      await deps.backend.leases.release(singleInstanceLease, holder.holder, holder.token);
      held = await lease.tryAcquire();
    }
  }
  if (!held) {
    const message = anotherInstanceMessage(deps.dataDir);
    throw new BotError(ErrorCode.ConfigInvalid, message, { userMessage: message });
  }
  const { token } = held;
  let timer: NodeJS.Timeout | undefined;
  const log = deps.logger.child({ component: 'single-instance' });
  return {
    name: 'single-instance',
    start() {
      if (timer) return;
      timer = setInterval(
        () => {
          lease
            .renew(token)
            .then((ok) => ok || log.error('single-instance lease lapsed; another process may open this DATA_DIR'))
            .catch((error: unknown) => log.warn({ err: (error as Error)?.message }, 'single-instance renew failed'));
        },
        Math.max(1, Math.floor(deps.ttlMs / 3)),
      );
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await lease.release(token);
    },
  };
}

async function currentHolder(database: AppDatabase): Promise<{ holder: string; token: number } | undefined> {
  const { rows } = await sql<{ holder: string; token: string | number }>`
    select holder, token from cluster_leases where name = ${singleInstanceLease}`.execute(database.db);
  return rows[0] ? { holder: rows[0].holder, token: Number(rows[0].token) } : undefined;
}

/** True only for a default replica id of this host whose process no longer exists. */
export function isDeadLocalProcess(holder: string): boolean {
  const prefix = `${hostname()}-`;
  if (!holder.startsWith(prefix)) return false;
  const pid = Number(holder.slice(prefix.length));
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
