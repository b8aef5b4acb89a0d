import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../src/core/http.js';
import {
  apiMethodOf,
  createSlackRateGate,
  retryAfterSeconds,
  type SlackRateLimit,
} from '../../src/slack/slack-rate-gate.js';

const api = 'https://slack.example/api/';

/** A network that answers 429 (with `retryAfter` as the header, if given) for `limited`, 200 otherwise. */
function network(limited: string, retryAfter?: string) {
  const sent: string[] = [];
  const fetch: FetchLike = async (input) => {
    const method = apiMethodOf(input as string) ?? '';
    sent.push(method);
    if (method !== limited) return new Response('{"ok":true}', { status: 200 });
    return new Response('{"ok":false,"error":"ratelimited"}', {
      status: 429,
      headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
    });
  };
  return { fetch, sent };
}

/** Starts a request and reports whether it has been answered yet. */
function track(promise: Promise<Response>) {
  const state = { done: false };
  void promise.then(() => {
    state.done = true;
  });
  return state;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Slack rate gate', () => {
  it('reads Retry-After as whole seconds: default 1 when missing or unreadable, capped at an hour', () => {
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds('2.5')).toBe(3);
    expect(retryAfterSeconds(null)).toBe(1);
    expect(retryAfterSeconds('soon')).toBe(1);
    expect(retryAfterSeconds('-4')).toBe(1);
    expect(retryAfterSeconds('86400')).toBe(3600);
  });

  it('finds the Web API method in the URL, and nothing in other URLs', () => {
    expect(apiMethodOf(`${api}chat.postMessage`)).toBe('chat.postMessage');
    expect(apiMethodOf(new URL(`${api}users.info?user=U1`))).toBe('users.info');
    expect(apiMethodOf('https://files.slack.example/upload/v1/abc')).toBeUndefined();
  });

  it('a 429 reports the method and its Retry-After, and holds that method here until it has passed', async () => {
    const limits: SlackRateLimit[] = [];
    const net = network('chat.postMessage', '30');
    const gate = createSlackRateGate({ onLimited: (limit) => limits.push(limit) });
    const fetch = gate.wrap(net.fetch);
    expect((await fetch(`${api}chat.postMessage`)).status).toBe(429);
    expect(limits).toEqual([{ method: 'chat.postMessage', retryAfterSeconds: 30 }]);

    const held = track(fetch(`${api}chat.postMessage`));
    expect((await fetch(`${api}users.info`)).status).toBe(200); // another method passes
    await vi.advanceTimersByTimeAsync(29_999);
    expect(held.done).toBe(false);
    expect(net.sent).toEqual(['chat.postMessage', 'users.info']);
    await vi.advanceTimersByTimeAsync(1);
    expect(held.done).toBe(true);
    // The second 429 is reported again: its hold ends later than the first.
    expect(limits).toHaveLength(2);
  });

  it('a 429 without Retry-After holds for 1 s', async () => {
    const net = network('conversations.history');
    const limits: SlackRateLimit[] = [];
    const fetch = createSlackRateGate({ onLimited: (limit) => limits.push(limit) }).wrap(net.fetch);
    await fetch(`${api}conversations.history`);
    expect(limits).toEqual([{ method: 'conversations.history', retryAfterSeconds: 1 }]);
  });

  it('hold() without a method holds every method; a shorter hold does not shorten a longer one', async () => {
    const gate = createSlackRateGate();
    const fetch = gate.wrap(network('none').fetch);
    gate.hold({ retryAfterSeconds: 10 });
    gate.hold({ retryAfterSeconds: 2 });
    const a = track(fetch(`${api}users.info`));
    const b = track(fetch(`${api}chat.update`));
    await vi.advanceTimersByTimeAsync(9_999);
    expect([a.done, b.done]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect([a.done, b.done]).toEqual([true, true]);
  });

  it('a request waiting for a hold can be aborted', async () => {
    const gate = createSlackRateGate();
    gate.hold({ method: 'chat.postMessage', retryAfterSeconds: 60 });
    const abort = new AbortController();
    const waiting = gate.wrap(network('none').fetch)(`${api}chat.postMessage`, { signal: abort.signal });
    abort.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });
});
