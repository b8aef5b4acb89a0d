import { createInbox, type Inbox } from '../cluster/inbox.js';
import { sqlInboxBackend } from '../cluster/inbox-backends/sql.js';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { ComposedCluster } from './compose-cluster.js';
import type { Stores } from './compose-stores.js';

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
  deps: { stores: Stores; cluster: ComposedCluster; logger: Logger; now: Clock },
): ComposedInbox {
  const { logger, stores, cluster } = deps;
  const claims = [stores.claims, cluster.claims];
  const inbox = createInbox(sqlInboxBackend(stores.database.db, stores.database.dialect), {
    owner: cluster.replicaId,
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
      const counts = await Promise.all([inbox.prune(), ...claims.map((c) => c.prune())]);
      return counts.reduce((a, b) => a + b, 0);
    },
  };
}
