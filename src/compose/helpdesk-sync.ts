import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { FetchLike } from '../core/http.js';
import type { Logger } from '../core/logger.js';
import type { DeadLetter } from '../tickets/outbox/outbox-relay-types.js';
import type { BackgroundTask } from './background.js';
import type { Stores } from './compose-stores.js';

/**
 * With a helpdesk configured, the outbox relay that pushes ticket changes to it; undefined otherwise. The helpdesk
 * client and relay load only when a helpdesk is set.
 */
export async function helpdeskSyncTask(deps: {
  config: Config;
  stores: Stores;
  fetch: FetchLike;
  logger: Logger;
  now: Clock;
  alert: (text: string) => Promise<void>;
}): Promise<BackgroundTask | undefined> {
  const { config } = deps;
  if (config.helpdesk.system === 'none') return undefined;
  const [{ createHelpdeskAdapter }, { createOutboxRelay }] = await Promise.all([
    import('../tickets/helpdesk/create-helpdesk-adapter.js'),
    import('../tickets/outbox/outbox-relay.js'),
  ]);
  const adapter = createHelpdeskAdapter(config.helpdesk, deps.fetch);
  if (!adapter) return undefined;
  const relay = createOutboxRelay({
    database: deps.stores.database,
    store: deps.stores.tickets,
    adapter,
    logger: deps.logger.child({ component: 'helpdesk' }),
    now: deps.now,
    leaseMs: relayLeaseMs(config.httpTimeoutMs),
    onDeadLetter: (dead) => deps.alert(deadLetterAlert(dead)),
  });
  return {
    name: 'helpdesk-sync',
    start: () => relay.start(config.helpdesk.syncSeconds * 1000),
    stop: () => relay.stop(),
  };
}

/** The Slack text for a helpdesk change the relay gave up on: ids, kind and status only, and what to do. */
export function deadLetterAlert(dead: DeadLetter): string {
  const why = dead.status ? `HTTP ${dead.status}` : 'rejected';
  return `:warning: ${dead.system} sync gave up on the ${dead.kind} of ${dead.ticketKey} (${why}). Fix the cause, then run \`pacs-desk tickets redrive\`.`;
}

/**
 * How long the relay holds an outbox row it is pushing. An attempt is at most two helpdesk calls (look up by
 * correlation id, then create or change), each bounded by HTTP_TIMEOUT_MS, so a lease longer than both cannot lapse
 * under a live attempt; and a leader that died mid-push hands the row to the next leader after this, not after
 * minutes.
 */
export function relayLeaseMs(httpTimeoutMs: number): number {
  return Math.max(30_000, 2 * httpTimeoutMs + 10_000);
}
