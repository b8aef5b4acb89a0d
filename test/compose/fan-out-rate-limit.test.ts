import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type MessageOf, Topic } from '../../src/cluster/bus.js';
import { createMemoryBusHub } from '../../src/cluster/bus-backends/memory.js';
import type { FetchLike } from '../../src/core/http.js';
import { apiMethodOf } from '../../src/slack/slack-rate-gate.js';
import { recorder } from '../cluster/bus-helpers.js';
import { countingKb, replica } from './fan-out-replicas.js';

const api = 'https://slack.example/api/';

/** Slack as one replica sees it: `limited` answers 429 with Retry-After 30; `sent` lists what reached it. */
function slackNetwork(limited?: string) {
  const sent: string[] = [];
  const fetch: FetchLike = async (input) => {
    const method = apiMethodOf(input as string) ?? '';
    sent.push(method);
    return method === limited
      ? new Response('{"ok":false,"error":"ratelimited"}', { status: 429, headers: { 'retry-after': '30' } })
      : new Response('{"ok":true}', { status: 200 });
  };
  return { fetch, sent };
}

const cleanups: (() => Promise<void>)[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  vi.useRealTimers();
});

describe('fan-out over one bus: Slack 429', () => {
  it("a 429 on A holds that method on B until Retry-After has passed; B's other methods pass", async () => {
    const hub = createMemoryBusHub();
    const a = replica('A', hub.connect(), countingKb());
    const b = replica('B', hub.connect(), countingKb());
    cleanups.push(a.close, b.close);
    const heard = recorder<MessageOf<typeof Topic.SlackRateLimited>>();
    b.bus.subscribe(Topic.SlackRateLimited, ({ message }) => heard.push(message));
    const netA = slackNetwork('chat.postMessage');
    const netB = slackNetwork();
    const fetchA = a.rateGate.wrap(netA.fetch);
    const fetchB = b.rateGate.wrap(netB.fetch);

    expect((await fetchA(`${api}chat.postMessage`)).status).toBe(429);
    const message = await heard.next(() => true, 'SlackRateLimited at B');
    expect(message).toEqual({ method: 'chat.postMessage', retryAfterSeconds: 30, replicaId: 'A' });

    let posted = false;
    void fetchB(`${api}chat.postMessage`).then(() => {
      posted = true;
    });
    expect((await fetchB(`${api}users.info`)).status).toBe(200);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(posted).toBe(false);
    expect(netB.sent).toEqual(['users.info']);
    await vi.advanceTimersByTimeAsync(1);
    expect(posted).toBe(true);
    expect(netB.sent).toEqual(['users.info', 'chat.postMessage']);
    expect(b.logs().some((line) => line.msg === 'fan-out: Slack 429 held')).toBe(true);
  });

  it('a replica does not hold again for its own 429 message (it held when Slack answered)', async () => {
    const hub = createMemoryBusHub();
    const a = replica('A', hub.connect(), countingKb());
    cleanups.push(a.close);
    const heard = recorder<string>();
    a.bus.subscribe(Topic.SlackRateLimited, ({ message }) => heard.push(message.replicaId));
    await a.rateGate.wrap(slackNetwork('chat.update').fetch)(`${api}chat.update`);
    await heard.next((id) => id === 'A', 'its own message');
    expect(a.logs().some((line) => line.msg === 'fan-out: Slack 429 held')).toBe(false);
    expect(a.logs().some((line) => line.msg === 'Slack answered 429')).toBe(true);
  });
});
