import { systemClock } from '../../core/clock.js';
import { redactPhi } from '../../core/phi-redact.js';
import { type ExternalRef, type ExternalTicketInput, HelpdeskError } from '../helpdesk/types.js';
import type { TicketStatus } from '../types.js';
import { retryDelayMs } from './backoff.js';
import type { OutboxRelay, OutboxRelayOptions, RelayRun } from './outbox-relay-types.js';
import { createOutboxRows, type OutboxRow } from './outbox-rows.js';

export type { DeadLetter, OutboxRelay, OutboxRelayOptions, RelayRun } from './outbox-relay-types.js';

/** Outcome of one row: delivered, retried later, dead-lettered, or left waiting (earlier row or lease). */
type Step = 'delivered' | 'retried' | 'dead' | 'waiting';

/**
 * Pushes outbox rows to the external helpdesk. Retryable failures back off exponentially (capped, with
 * jitter, never sooner than Retry-After); non-retryable ones and rows out of attempts are dead-lettered
 * and logged at error level with ids and status only. Adapter calls are idempotent, so a crash after a
 * remote success only repeats a call that finds the existing ticket or comment.
 *
 * @example const relay = createOutboxRelay({ database, store, adapter, logger });
 * relay.start(10_000); // … on shutdown: await relay.stop();
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, adapter, logger } = options;
  const now = options.now ?? systemClock;
  const maxAttempts = options.maxAttempts ?? 16;
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 2000,
    maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
    random: options.random ?? Math.random,
  };
  const rows = createOutboxRows(options.database);
  const iso = (offsetMs = 0) => new Date(now() + offsetMs).toISOString();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RelayRun> | undefined;

  async function deliver(row: OutboxRow, ref: ExternalRef | undefined): Promise<void> {
    const payload = JSON.parse(row.payload);
    if (row.kind === 'create') {
      const created = await adapter.create(payload as ExternalTicketInput);
      await store.setExternal(row.ticket_key, created);
    } else if (row.kind === 'comment' && ref) await adapter.addComment(ref, payload);
    else if (row.kind === 'status' && ref) await adapter.setStatus(ref, payload.status as TicketStatus, payload.note);
  }

  async function fail(row: OutboxRow, error: unknown, attempts: number): Promise<Step> {
    const helpdesk = error instanceof HelpdeskError ? error : undefined;
    const retryable = helpdesk ? helpdesk.retryable : true; // network or unexpected errors: try again later
    const text = `${(error as Error)?.name ?? 'Error'}${helpdesk?.status ? ` ${helpdesk.status}` : ''}: ${redactPhi(String((error as Error)?.message ?? error)).slice(0, 500)}`;
    const meta = { outboxId: row.id, ticketKey: row.ticket_key, kind: row.kind, attempts, status: helpdesk?.status };
    if (retryable && attempts < maxAttempts) {
      const delayMs = retryDelayMs(attempts, backoff, helpdesk?.retryAfterSeconds);
      await rows.retryAt(row.id, iso(delayMs), text);
      logger.warn({ ...meta, delayMs }, 'helpdesk sync failed; will retry');
      return 'retried';
    }
    return deadLetter(row, text, { ...meta, retryable });
  }

  async function deadLetter(row: OutboxRow, reason: string, meta: Record<string, unknown>): Promise<Step> {
    await rows.dead(row.id, iso(), reason);
    logger.error({ system: adapter.system, ...meta }, 'helpdesk sync dead-lettered; needs an administrator');
    const alert = { ticketKey: row.ticket_key, kind: row.kind, system: adapter.system };
    await Promise.resolve()
      .then(() =>
        options.onDeadLetter?.({
          ...alert,
          attempts: numberOrUndefined(meta.attempts),
          status: numberOrUndefined(meta.status),
        }),
      )
      .catch((error: unknown) => logger.error({ ...alert, err: (error as Error)?.name }, 'dead-letter alert failed'));
    return 'dead';
  }

  async function step(row: OutboxRow): Promise<Step> {
    if (row.next_attempt_at > iso()) return 'waiting';
    let ref: ExternalRef | undefined;
    if (row.kind !== 'create') {
      const external = (await store.get(row.ticket_key))?.external;
      if (external && external.system !== adapter.system)
        return deadLetter(row, `ticket is synced to ${external.system}`, {
          outboxId: row.id,
          ticketKey: row.ticket_key,
        });
      if (!external) {
        if (await rows.createLost(row.ticket_key))
          return deadLetter(row, 'the ticket was never created in the helpdesk', {
            outboxId: row.id,
            ticketKey: row.ticket_key,
          });
        return 'waiting';
      }
      ref = external as ExternalRef;
    }
    if (!(await rows.claim(row, iso(options.leaseMs ?? 5 * 60_000)))) return 'waiting';
    try {
      await deliver(row, ref);
    } catch (error) {
      return fail(row, error, row.attempts + 1);
    }
    await rows.delivered(row.id, iso());
    logger.info({ outboxId: row.id, ticketKey: row.ticket_key, kind: row.kind }, 'helpdesk sync delivered');
    return 'delivered';
  }

  async function run(): Promise<RelayRun> {
    const counts: RelayRun = { delivered: 0, retried: 0, dead: 0 };
    const waiting = new Set<string>();
    for (const row of await rows.pending(options.batchSize ?? 200)) {
      if (waiting.has(row.ticket_key)) continue;
      const outcome = await step(row);
      if (outcome === 'waiting' || outcome === 'retried') waiting.add(row.ticket_key);
      if (outcome === 'dead' && row.kind === 'create') waiting.add(row.ticket_key); // its later rows die next run
      if (outcome !== 'waiting') counts[outcome]++;
    }
    return counts;
  }

  const relay: OutboxRelay = {
    runOnce() {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        relay.runOnce().catch((error: unknown) => logger.error({ err: error }, 'helpdesk outbox run failed'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    redriveDead: () => rows.redrive(iso()),
  };
  return relay;
}

const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
