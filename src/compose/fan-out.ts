import { type Bus, type MessageOf, Topic } from '../cluster/bus.js';
import type { Logger } from '../core/logger.js';
import type { IndexStats, WatchableKnowledgeBase } from '../kb/index.js';
import type { RoleResolver } from '../slack/roles/role-resolver.js';
import type { SlackRateGate } from '../slack/slack-rate-gate.js';

export interface FanOutParts {
  bus: Bus;
  kb: Pick<WatchableKnowledgeBase, 'reindex' | 'onFilesChanged'>;
  roles: Pick<RoleResolver, 'onMembersChanged' | 'invalidate'>;
  rateGate: Pick<SlackRateGate, 'onLimited' | 'hold'>;
  logger: Logger;
}

export interface FanOut {
  /** `/pacs reindex`: re-indexes here, then tells every other replica to do the same. */
  reindex(requestedBy?: string): Promise<IndexStats>;
  /** Stops listening (the bus itself is closed by its owner). */
  close(): void;
}

/** At most this many changed paths travel in one KbChanged message (the topic's limit)… */
const maxPaths = 50;
/** …and at most this many bytes of them: PostgreSQL's NOTIFY carries under 8000 bytes, envelope included. */
const maxPathBytes = 6000;

/** The paths a KbChanged message names: informational only (a replica re-reads its whole KB), so trimmed to fit. */
export function pathsToSend(paths: readonly string[]): string[] {
  const sent: string[] = [];
  let bytes = 0;
  for (const path of paths) {
    const size = Buffer.byteLength(JSON.stringify(path)) + 1;
    if (path.length === 0 || path.length > 500) continue;
    if (sent.length === maxPaths || bytes + size > maxPathBytes) break;
    sent.push(path);
    bytes += size;
  }
  return sent;
}

/**
 * Makes this replica's local state changes reach every replica over `bus`, and applies theirs here: a reindex,
 * KB files changed by this replica's watcher, a user group's changed members, a Slack 429. Messages say what to
 * re-read, never carry it. The bus delivers at most once, so after a reconnect this replica re-reads everything.
 */
export function wireFanOut({ bus, kb, roles, rateGate, logger }: FanOutParts): FanOut {
  const log = logger.child({ component: 'fan-out' });
  const publish = <T extends Topic>(topic: T, message: MessageOf<T>) =>
    bus.publish(topic, message).catch((error: unknown) => {
      // The change already applied here; the others catch up on their next reindex, cache expiry or 429.
      log.warn({ topic, err: (error as Error).message }, 'fan-out: could not tell the other replicas');
    });

  // Remote reindex requests coalesce: while one runs, any number of new requests make one more run after it.
  let running: Promise<void> | undefined;
  let again = false;
  const reindexForOthers = (reason: string): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const stats = await kb.reindex();
          log.info({ reason, documents: stats.documents }, 'fan-out: reindexed for another replica');
        } catch (error) {
          log.error({ reason, err: (error as Error).message }, 'fan-out: reindex failed');
        }
      } while (again);
      running = undefined;
    })();
  };

  const stops = [
    bus.subscribe(Topic.Reindex, ({ fromSelf }) => {
      if (!fromSelf) reindexForOthers(Topic.Reindex);
    }),
    bus.subscribe(Topic.KbChanged, ({ fromSelf }) => {
      if (!fromSelf) reindexForOthers(Topic.KbChanged);
    }),
    bus.subscribe(Topic.RoleGroupChanged, ({ message, fromSelf }) => {
      if (!fromSelf) roles.invalidate(message.subteamId);
    }),
    bus.subscribe(Topic.SlackRateLimited, ({ message, fromSelf }) => {
      if (fromSelf) return;
      rateGate.hold(message);
      log.info({ method: message.method, retryAfterSeconds: message.retryAfterSeconds }, 'fan-out: Slack 429 held');
    }),
    kb.onFilesChanged((paths) => void publish(Topic.KbChanged, { paths: pathsToSend(paths) })),
    roles.onMembersChanged((subteamId) => void publish(Topic.RoleGroupChanged, { subteamId })),
    rateGate.onLimited((limit) => {
      log.warn({ method: limit.method, retryAfterSeconds: limit.retryAfterSeconds }, 'Slack answered 429');
      void publish(Topic.SlackRateLimited, limit);
    }),
    bus.onReconnect(() => {
      log.warn('fan-out: bus reconnected; messages may have been missed, re-reading roles and the KB');
      roles.invalidate();
      reindexForOthers('reconnect');
    }),
  ];

  return {
    async reindex(requestedBy) {
      const stats = await kb.reindex();
      await publish(Topic.Reindex, requestedBy ? { requestedBy } : {});
      return stats;
    },
    close() {
      for (const stop of stops) stop();
    },
  };
}
