import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { FetchLike } from '../../src/core/http.js';
import { createSlackClients } from '../../src/slack/slack-clients.js';
import { apiMethodOf, createSlackRateGate, type SlackRateLimit } from '../../src/slack/slack-rate-gate.js';
import { capturedLogger } from '../cluster/bus-helpers.js';

describe('Slack clients behind the rate gate', () => {
  it("the bot client's calls pass through the gate: Slack's 429 is reported with its method", async () => {
    const methods: string[] = [];
    let first = true;
    // Slack answers the first call 429 (Retry-After 0, so the WebClient's own retry is immediate), then ok.
    const network: FetchLike = async (input) => {
      methods.push(apiMethodOf(input instanceof Request ? input.url : String(input)) ?? '?');
      if (first) {
        first = false;
        return new Response('{"ok":false,"error":"ratelimited"}', { status: 429, headers: { 'retry-after': '0' } });
      }
      return Response.json({ ok: true, channel: 'C1', ts: '1.0' });
    };
    const limits: SlackRateLimit[] = [];
    const rateGate = createSlackRateGate({ onLimited: (limit) => limits.push(limit) });
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' }).slack;
    const clients = createSlackClients({
      slack: { ...slack, apiUrl: 'https://slack.example/api/' },
      fetch: network,
      logger: capturedLogger().logger,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
      rateGate,
    });

    await clients.botClient.chat.postMessage({ channel: 'C1', text: 'hello' });
    expect(methods).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(limits).toEqual([{ method: 'chat.postMessage', retryAfterSeconds: 0 }]);
  });
});
