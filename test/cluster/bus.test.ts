import { describe, expect, it } from 'vitest';
import { createBus, type MessageOf, Topic } from '../../src/cluster/bus.js';
import { createMemoryBusHub } from '../../src/cluster/bus-backends/memory.js';
import { waitUntil } from '../helpers/wait-until.js';
import { busContract } from './bus-contract.js';
import { capturedLogger, recorder } from './bus-helpers.js';

busContract(
  'the in-process hub',
  async () => {
    const hub = createMemoryBusHub();
    return { backends: [hub.connect(), hub.connect(), hub.connect()] };
  },
  { reconnects: false },
);

describe('bus', () => {
  it('refuses to publish a message that does not match its topic, and sends nothing', async () => {
    const { logger } = capturedLogger();
    const bus = createBus(createMemoryBusHub().connect(), { logger });
    const limited = recorder<MessageOf<typeof Topic.SlackRateLimited>>();
    bus.subscribe(Topic.SlackRateLimited, ({ message }) => limited.push(message));
    const wrong = { method: 'chat.postMessage', retryAfterSeconds: -1 };
    await expect(bus.publish(Topic.SlackRateLimited, wrong)).rejects.toThrow(/retryAfterSeconds/);
    await bus.publish(Topic.SlackRateLimited, { retryAfterSeconds: 30 });
    await limited.next(() => true, 'the valid message');
    expect(limited.items).toEqual([{ retryAfterSeconds: 30, replicaId: bus.replicaId }]);
    await bus.close();
  });

  it('logs a handler that throws or rejects and still calls the other handlers', async () => {
    const log = capturedLogger();
    const bus = createBus(createMemoryBusHub().connect(), { replicaId: 'solo', logger: log.logger });
    bus.subscribe(Topic.RoleGroupChanged, () => {
      throw new Error('sync failure');
    });
    bus.subscribe(Topic.RoleGroupChanged, async () => {
      throw new Error('async failure');
    });
    const heard = recorder<string>();
    bus.subscribe(Topic.RoleGroupChanged, ({ message, fromSelf }) => heard.push(`${message.subteamId} ${fromSelf}`));
    await bus.publish(Topic.RoleGroupChanged, { subteamId: 'S0PACS' });
    await heard.next(() => true, 'the third handler');
    const failed = () => log.lines().filter((line) => line.msg === 'bus: a handler failed');
    await waitUntil(() => expect(failed()).toHaveLength(2));
    expect(heard.items).toEqual(['S0PACS true']);
    expect(
      failed()
        .map((line) => (line.err as { message: string }).message)
        .sort(),
    ).toEqual(['async failure', 'sync failure']);
    await bus.close();
  });

  it('delivers nothing after close and refuses to publish', async () => {
    const hub = createMemoryBusHub();
    const { logger } = capturedLogger();
    const [open, closing] = [createBus(hub.connect(), { logger }), createBus(hub.connect(), { logger })];
    const heard = recorder<string>();
    closing.subscribe(Topic.Reindex, ({ message }) => heard.push(`closed bus: ${message.requestedBy}`));
    open.subscribe(Topic.Reindex, ({ message }) => heard.push(`open bus: ${message.requestedBy}`));
    await closing.close();
    await expect(closing.publish(Topic.Reindex, {})).rejects.toThrow(/closed/);
    await open.publish(Topic.Reindex, { requestedBy: 'U1' });
    await heard.next(() => true, 'the open bus');
    expect(heard.items).toEqual(['open bus: U1']);
    await open.close();
  });
});
