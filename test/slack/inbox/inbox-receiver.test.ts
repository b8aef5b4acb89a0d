import type { Receiver, ReceiverEvent } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInbox } from '../../../src/cluster/inbox.js';
import { memoryInboxBackend } from '../../../src/cluster/inbox-backends/memory.js';
import { createLogger } from '../../../src/core/logger.js';
import { InboxUnavailableError, withInbox } from '../../../src/slack/inbox/inbox-receiver.js';

/** A receiver double: `deliver` is what Bolt's receivers do with a request, i.e. call `app.processEvent`. */
function setup(options: { failAdmit?: boolean } = {}) {
  const backend = memoryInboxBackend();
  const inbox = createInbox(backend, { owner: 'r1', leaseMs: 6000 });
  if (options.failAdmit) inbox.admit = async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  let target: { processEvent(e: ReceiverEvent): Promise<void> } | undefined;
  const inner: Receiver = {
    init: (app) => {
      target = app as unknown as typeof target;
    },
    start: async () => undefined,
    stop: async () => undefined,
  };
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  const inboxed = withInbox(inner, { inbox, leaseMs: 6000, logger });
  const processed: ReceiverEvent[] = [];
  let gate: Promise<void> = Promise.resolve();
  inboxed.receiver.init({
    processEvent: async (e: ReceiverEvent) => {
      processed.push(e);
      await gate;
    },
  } as never);
  const acks: ReturnType<typeof vi.fn>[] = [];
  const deliver = async (body: Record<string, unknown>) => {
    const ack = vi.fn(async () => undefined);
    acks.push(ack);
    await target?.processEvent({ body, ack });
    return ack;
  };
  const hold = () => {
    let open: () => void = () => undefined;
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    return () => open();
  };
  return { backend, inbox, inboxed, processed, deliver, hold, acks, logs: () => lines.join('') };
}

const event = (id: string) => ({ type: 'event_callback', event_id: id, event: { type: 'app_mention', text: 'x' } });

afterEach(() => {
  vi.useRealTimers();
});

describe('the inbox in front of Bolt', () => {
  it('processes a new event once, completes it and drops the stored payload', async () => {
    const s = setup();
    await s.deliver(event('Ev1'));
    expect(s.processed).toHaveLength(1);
    expect(s.backend.rows.get('event:Ev1')).toMatchObject({ state: 'done', payload: null });
  });

  it('acks and drops a second delivery of the same event, and of the same command payload', async () => {
    const s = setup();
    await s.deliver(event('Ev1'));
    const again = await s.deliver(event('Ev1'));
    expect(again).toHaveBeenCalledTimes(1);
    const command = { command: '/pacs', text: 'status', trigger_id: '1.2.3', user_id: 'U1' };
    await s.deliver(command);
    expect((await s.deliver({ ...command })).mock.calls).toHaveLength(1);
    await s.deliver({ ...command, trigger_id: '1.2.4' });
    expect(s.processed.map((e) => e.body.event_id ?? e.body.trigger_id)).toEqual(['Ev1', '1.2.3', '1.2.4']);
  });

  it('does not ack or process when the store does not answer, so the unit is delivered again elsewhere', async () => {
    const s = setup({ failAdmit: true });
    await expect(s.deliver(event('Ev1'))).rejects.toBeInstanceOf(InboxUnavailableError);
    expect(s.acks[0]).not.toHaveBeenCalled();
    expect(s.processed).toHaveLength(0);
    expect(s.logs()).toContain('"code":"inbox_unavailable"');
    expect(s.logs()).not.toContain('app_mention');
  });

  it('after close(), leaves new units unacknowledged for a replica that stays', async () => {
    const s = setup();
    s.inboxed.close();
    const ack = await s.deliver(event('Ev1'));
    expect(ack).not.toHaveBeenCalled();
    expect(s.processed).toHaveLength(0);
    expect(s.backend.rows.size).toBe(0);
  });

  it('renews the lease while the listeners run, and hands unfinished work over on abandonRunning', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const s = setup();
    const open = s.hold();
    const running = s.deliver(event('Ev1'));
    await vi.advanceTimersByTimeAsync(0);
    const first = s.backend.rows.get('event:Ev1')?.leaseUntil ?? 0;
    expect(first).toBe(1_000_000 + 6000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.backend.rows.get('event:Ev1')?.leaseUntil).toBe(1_002_000 + 6000);
    expect(s.inboxed.inflight.count).toBe(1);
    expect(await s.inboxed.abandonRunning()).toBe(1);
    expect(s.backend.rows.get('event:Ev1')).toMatchObject({ state: 'pending' });
    expect(s.backend.rows.get('event:Ev1')?.leaseUntil).toBeLessThanOrEqual(Date.now());
    open();
    await running;
    expect(s.inboxed.inflight.count).toBe(0);
  });

  it('replays a taken-over unit through the app with a no-op ack, logs inbox_replay without the payload, and completes it', async () => {
    const s = setup();
    await s.backend.admit(
      { key: 'event:EvDead', owner: 'r-dead', payload: JSON.stringify(event('EvDead')), leaseUntil: 0 },
      0,
    );
    const [entry] = await s.inbox.takeOver(5);
    expect(entry?.attempts).toBe(1);
    await s.inboxed.replay(entry as NonNullable<typeof entry>);
    expect(s.processed[0]).toMatchObject({ retryNum: 1, retryReason: 'replica_lost', body: { event_id: 'EvDead' } });
    expect(s.logs()).toContain('"code":"inbox_replay"');
    expect(s.logs()).not.toContain('app_mention');
    expect(s.backend.rows.get('event:EvDead')).toMatchObject({ state: 'done', payload: null });
  });
});
