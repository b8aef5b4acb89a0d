import type { Claims } from '../cluster/claims.js';
import { createInbox, type Inbox } from '../cluster/inbox.js';
import { sqlInboxBackend } from '../cluster/inbox-backends/sql.js';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { AppDatabase } from '../db/create-database.js';

export interface ComposedInbox {
  inbox: Inbox;
  leaseMs: number;
  sweepMs: number;
  /** Housekeeping on every replica: done inbox rows and expired claims past their time. */
  prune(): Promise<number>;
}

/**
 * The inbox every Slack event, command and interaction is admitted to before it is acknowledged, in the app
 * database: shared by the replicas on PostgreSQL; on SQLite it lets a restarted instance finish what the
 * previous process acknowledged but did not finish.
 */
export function composeInbox(
  config: Pick<Config, 'cluster'>,
  deps: { database: AppDatabase; owner: string; claims: Claims[]; logger: Logger; now: Clock },
): ComposedInbox {
  const { logger } = deps;
  const inbox = createInbox(sqlInboxBackend(deps.database.db, deps.database.dialect), {
    owner: deps.owner,
    leaseMs: config.cluster.inboxLeaseMs,
    now: deps.now,
    // The key names a Slack id or a payload digest, never a person; the payload itself is not logged.
    onGiveUp: (key, attempts) =>
      logger.error(
        { code: 'inbox_gave_up', kind: key.slice(0, key.indexOf(':')), key, attempts },
        'inbox: gave up on work that failed on every replica that took it; nothing more is retried',
      ),
  });
  return {
    inbox,
    leaseMs: config.cluster.inboxLeaseMs,
    sweepMs: config.cluster.inboxSweepMs,
    async prune() {
      const counts = await Promise.all([inbox.prune(), ...deps.claims.map((claims) => claims.prune())]);
      return counts.reduce((a, b) => a + b, 0);
    },
  };
}
