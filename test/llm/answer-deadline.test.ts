import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnswerDeadline, DeadlineReason, pause } from '../../src/llm/answer-deadline.js';
import { DEFAULT_RETRY_PAUSE_MS, retryPauseMs } from '../../src/llm/retry-policy.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-02T05:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('answer deadline', () => {
  const limits = { firstTokenMs: 4000, wholeAnswerMs: 10_000 };

  it('aborts when the first token is late', () => {
    const d = createAnswerDeadline(limits);
    vi.advanceTimersByTime(3999);
    expect(d.signal.aborted).toBe(false);
    expect(d.remainingMs()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(d.reason).toBe(DeadlineReason.FirstToken);
    expect(d.error().message).toMatch(/no first token within 4000 ms/);
    d.dispose();
  });

  it('restarts the quiet-gap timer at each token, and aborts a stream that goes quiet', () => {
    const d = createAnswerDeadline({ ...limits, wholeAnswerMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(3000);
      d.tokenArrived();
    }
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(4000);
    expect(d.reason).toBe(DeadlineReason.Stalled);
    d.dispose();
  });

  it('aborts at the whole-answer bound however steadily tokens arrive', () => {
    const d = createAnswerDeadline(limits);
    for (let t = 0; t < 10_000; t += 500) {
      vi.advanceTimersByTime(500);
      if (!d.signal.aborted) d.tokenArrived();
    }
    expect(d.reason).toBe(DeadlineReason.WholeAnswer);
    d.dispose();
  });

  it('follows the caller’s own signal, and stops its timers when disposed', () => {
    const outer = new AbortController();
    const d = createAnswerDeadline(limits, outer.signal);
    outer.abort();
    expect(d.signal.aborted).toBe(true);
    expect(d.reason).toBeUndefined();
    const e = createAnswerDeadline(limits);
    e.dispose();
    vi.advanceTimersByTime(20_000);
    expect(e.signal.aborted).toBe(false);
  });

  it('pauses for a retry, but no longer than the deadline', async () => {
    const d = createAnswerDeadline(limits);
    const waited = pause(10_000, d.signal);
    vi.advanceTimersByTime(4000);
    await expect(waited).rejects.toMatchObject({ code: 'llm_timeout' });
    d.dispose();
  });
});

describe('retry policy', () => {
  const apiError = (status: number, headers: Record<string, string> = {}) =>
    OpenAI.APIError.generate(status, { message: 'x' }, 'x', new Headers(headers));

  it('retries 429, 5xx and lost connections after the pause the server asks for, when it fits', () => {
    expect(retryPauseMs(apiError(429, { 'retry-after': '1' }), 4000)).toBe(1000);
    expect(retryPauseMs(apiError(429, { 'retry-after-ms': '300' }), 4000)).toBe(300);
    expect(retryPauseMs(apiError(503), 4000)).toBe(DEFAULT_RETRY_PAUSE_MS);
    expect(retryPauseMs(new OpenAI.APIConnectionError({ message: 'reset' }), 4000)).toBe(DEFAULT_RETRY_PAUSE_MS);
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    expect(retryPauseMs(apiError(429, { 'retry-after': inTwoSeconds }), 6000)).toBe(2000);
  });

  it('does not retry when the pause would leave under half the time left, or the error is permanent', () => {
    expect(retryPauseMs(apiError(429, { 'retry-after': '20' }), 4000)).toBeUndefined();
    expect(retryPauseMs(apiError(429, { 'retry-after': '3' }), 4000)).toBeUndefined();
    expect(retryPauseMs(apiError(400), 4000)).toBeUndefined();
    expect(retryPauseMs(apiError(401), 4000)).toBeUndefined();
    expect(retryPauseMs(apiError(503, { 'x-should-retry': 'false' }), 4000)).toBeUndefined();
    expect(retryPauseMs(new OpenAI.APIUserAbortError(), 4000)).toBeUndefined();
    expect(retryPauseMs(new Error('bug'), 4000)).toBeUndefined();
  });
});
