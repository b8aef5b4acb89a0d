import type { Receiver, ReceiverEvent } from '@slack/bolt';
import type { Inbox, InboxEntry } from '../../cluster/inbox.js';
import type { Logger } from '../../core/logger.js';
import { createInflight, type Inflight } from '../front/inflight.js';
import { workKeyOf, workKind } from './work-key.js';

/**
 * Thrown to the receiver when the inbox store does not answer. Bolt's Socket Mode receiver then leaves the
 * envelope unacknowledged; the HTTP receiver's error handler (in create-slack-app.ts) answers 503.
 */
export class InboxUnavailableError extends Error {
  constructor() {
    super('the inbox store did not answer');
    this.name = 'InboxUnavailableError';
  }
}

type Processor = { processEvent(event: ReceiverEvent): Promise<void> };

export interface InboxedReceiver {
  /** Hand this to Bolt's App instead of the wrapped receiver. */
  receiver: Receiver;
  /** Work being processed here (first deliveries and replays), for a graceful stop. */
  inflight: Inflight;
  /** Runs a unit taken over from a replica that died: through the whole listener chain, with a no-op ack. */
  replay(entry: InboxEntry): Promise<void>;
  /** Shutdown began: new units are left unacknowledged, so they are delivered again to a replica that stays. */
  close(): void;
  /** Shutdown ran out of time: ends this replica's leases on unfinished work, so another replica finishes it. */
  abandonRunning(): Promise<number>;
}

/**
 * Puts the inbox between a Bolt receiver and the app: each unit of work is admitted (payload stored, claimed by
 * this replica) *before* Bolt acknowledges it. Bolt acks an event before its global middleware runs, so a claim
 * made in middleware would leave a gap in which an acked event could be lost with its replica; both receivers call
 * only `app.processEvent`, which is where this sits. A duplicate (a Slack retry, a Socket Mode redelivery, work
 * another replica holds) is acked and dropped. A store that does not answer means no ack: Slack (or the workspace)
 * sends the unit again, possibly to a replica that can claim it. While the listeners run, the lease is renewed;
 * when they return, the entry is completed. The one window for a duplicate is between a listener's last post to
 * Slack and the completion write (one round trip); a replay of work whose replica died logs `inbox_replay`.
 */
export function withInbox(
  inner: Receiver,
  options: { inbox: Inbox; leaseMs: number; logger: Logger },
): InboxedReceiver {
  const { inbox, logger } = options;
  const inflight = createInflight();
  const running = new Set<string>();
  let app: Processor | undefined;
  let closing = false;

  async function run(key: string, event: ReceiverEvent): Promise<void> {
    running.add(key);
    const beat = setInterval(
      () =>
        void inbox.heartbeat(key).then(
          (ours) => ours || logger.warn({ code: 'inbox_lease_lost', kind: workKind(key) }, 'inbox: work taken over'),
          (error: unknown) =>
            logger.warn({ code: 'inbox_unavailable', err: (error as Error).message }, 'inbox: heartbeat failed'),
        ),
      Math.max(1000, Math.floor(options.leaseMs / 3)),
    );
    beat.unref();
    try {
      await app?.processEvent(event);
    } finally {
      clearInterval(beat);
      running.delete(key);
    }
    await inbox
      .complete(key)
      .catch((error: unknown) =>
        logger.warn({ code: 'inbox_unavailable', err: (error as Error).message }, 'inbox: completion not recorded'),
      );
  }

  async function accept(event: ReceiverEvent): Promise<void> {
    if (closing) return;
    const done = inflight.begin();
    try {
      const key = workKeyOf(event.body);
      if (!key) return await app?.processEvent(event);
      let admission: string;
      try {
        admission = await inbox.admit(key, event.body);
      } catch (error) {
        // No ack: the unit comes again (a Slack retry, a Socket Mode redelivery) to whoever can claim it.
        logger.error(
          { code: 'inbox_unavailable', kind: workKind(key), err: (error as Error).message },
          'inbox: cannot claim work; not acknowledging',
        );
        throw new InboxUnavailableError();
      }
      if (admission !== 'admitted') {
        logger.debug({ kind: workKind(key), retryNum: event.retryNum }, 'inbox: duplicate delivery skipped');
        await event.ack();
        return;
      }
      await run(key, event);
    } finally {
      done();
    }
  }

  return {
    receiver: {
      init(target) {
        app = target;
        inner.init({ processEvent: accept } as unknown as Parameters<Receiver['init']>[0]);
      },
      start: (...args: unknown[]) => inner.start(...args),
      stop: (...args: unknown[]) => inner.stop(...args),
    },
    inflight,
    async replay(entry) {
      const done = inflight.begin();
      logger.warn(
        { code: 'inbox_replay', kind: workKind(entry.key), key: entry.key, attempts: entry.attempts },
        'inbox: finishing work of a replica that stopped; if it had posted without recording it, the reply appears twice',
      );
      try {
        const body = entry.payload as ReceiverEvent['body'];
        await run(entry.key, {
          body,
          ack: async () => undefined,
          retryNum: entry.attempts,
          retryReason: 'replica_lost',
        });
      } finally {
        done();
      }
    },
    close() {
      closing = true;
    },
    async abandonRunning() {
      const keys = [...running];
      await Promise.allSettled(keys.map((key) => inbox.abandon(key)));
      return keys.length;
    },
  };
}
