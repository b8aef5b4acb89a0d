import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import {
  envelope,
  nextEventId,
  postToBot,
  type ResponseSink,
  type SlackReply,
  sendCommand,
  sendInteraction,
  startResponseSink,
} from './slack-client.js';

/**
 * Every fixture under test/fixtures/slack (the event, command and interaction shapes Slack documents for
 * what the manifest subscribes to or can receive) is replayed signed over HTTP to the running bot, then
 * again as Slack's retry (same event_id, X-Slack-Retry-Num: 1). Each must get a 2xx at once, cause
 * exactly the replies its fixture expects (none for bots, edits, deletions), and no second reply.
 */
type Count = number | 'any';
interface Fixture {
  name: string;
  kind: 'event' | 'raw' | 'command' | 'interaction';
  event?: Record<string, unknown>;
  body?: Record<string, unknown>;
  form?: Record<string, string>;
  payload?: Record<string, unknown>;
  expect: {
    status?: number;
    posts?: Count;
    responses?: Count;
    calls?: string[];
    ack?: 'any' | Record<string, unknown>;
    bodyContains?: string;
    replyMatches?: string;
    responseMatches?: string;
    noFileAccess?: boolean;
  };
}

const fixtureDir = join(import.meta.dirname, '../../fixtures/slack');
const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.json'));
const load = (file: string) => (JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')) as { cases: Fixture[] }).cases;

/** Slack markup that pings people or forms a link: must never leave the bot unescaped. */
const liveMarkup = /<!(channel|here|everyone)>|<@U0ADMIN01|<!subteam\^|<https:\/\/evil/;
const postMethods = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.startStream']);

it('the fixtures cover at least 86 documented shapes', () => {
  expect(files.flatMap(load).length).toBeGreaterThanOrEqual(86);
});

for (const file of files) {
  describe(`payload fixtures: ${file}`, () => {
    let h: DeskHarness;
    let sink: ResponseSink;
    let fileServer: Server;
    let fileUrl = '';
    let fileHits = 0;
    let tsSeq = 1_700_200_000;

    beforeAll(async () => {
      // A PACS that refuses connections, so the PACS subcommands exist and fail the way an outage does.
      h = await startDesk({ PACS_KIND: 'orthanc', PACS_URL: 'http://127.0.0.1:9' });
      sink = await startResponseSink();
      fileServer = createServer((_req, res) => {
        fileHits += 1;
        res.end('png');
      });
      await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
      fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await h?.stop();
      await sink?.close();
      await new Promise<void>((resolve) => fileServer?.close(() => resolve()));
    });

    /** A real DM answered by the bot: what was sent before it has been handled by then. */
    async function barrier(): Promise<string> {
      const { ts } = await h.api<{ ts: string }>('/api/test/post', {
        user: 'clinician',
        channel: 'dm',
        text: 'viewer says no images',
      });
      await h.ws.waitForMessage({ thread_ts: ts, fromBot: true });
      return ts;
    }

    function instantiate<T>(value: T, key: string): T {
      tsSeq += 1;
      const text = JSON.stringify(value)
        .replaceAll('{{ts}}', `${tsSeq}.000100`)
        .replaceAll('{{n}}', String(tsSeq).padStart(12, '0'))
        .replaceAll('{{responseUrl}}', `${sink.url}/${key}`)
        .replaceAll('{{fileUrl}}', fileUrl);
      return JSON.parse(text) as T;
    }

    for (const [index, fixture] of load(file).entries()) {
      it(`${fixture.name}: replayed signed and retried, expected replies only`, async () => {
        const key = `${file}-${index}`;
        const f = instantiate(fixture, key);
        const want = f.expect;
        const firstCall = h.ws.calls().length;
        // Messages that reached a conversation (a post Slack refused reached nobody).
        const posts = () =>
          h.ws
            .calls()
            .slice(firstCall)
            .filter((c) => postMethods.has(c.method) && c.ok);
        const responses = () => sink.posts(key);

        let send: () => Promise<SlackReply>;
        if (f.kind === 'event' || f.kind === 'raw') {
          const body = f.kind === 'event' ? envelope(h, f.event ?? {}, nextEventId()) : (f.body ?? {});
          const raw = JSON.stringify(body);
          send = () => postToBot(h, raw);
          const first = await send();
          checkReply(first, want);
          // Slack's retry of the same delivery: same bytes, same event_id.
          const retry = await postToBot(h, raw, {
            headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
          });
          expect(retry.status).toBeLessThan(300);
        } else if (f.kind === 'command') {
          checkReply(await sendCommand(h, f.form ?? {}), want);
        } else {
          checkReply(await sendInteraction(h, f.payload ?? {}), want);
        }

        await waitUntil(() => {
          if (typeof want.posts === 'number') expect(posts().length).toBeGreaterThanOrEqual(want.posts);
          if (typeof want.responses === 'number') expect(responses().length).toBeGreaterThanOrEqual(want.responses);
          for (const method of want.calls ?? []) {
            expect(h.ws.calls(method).length, method).toBeGreaterThan(0);
          }
        });
        const barrierTs = await barrier();
        const ours = posts().filter((p) => p.args.thread_ts !== barrierTs);
        if (typeof want.posts === 'number') expect(ours.map((p) => p.method)).toHaveLength(want.posts);
        if (typeof want.responses === 'number') expect(responses()).toHaveLength(want.responses);
        const postedText = JSON.stringify(ours.map((p) => [p.args.text, p.args.blocks]));
        const responseText = JSON.stringify(responses().map((r) => [r.body.text, r.body.blocks]));
        if (want.replyMatches) expect(postedText).toMatch(new RegExp(want.replyMatches));
        if (want.responseMatches) expect(responseText).toMatch(new RegExp(want.responseMatches));
        expect(postedText).not.toMatch(liveMarkup);
        expect(responseText).not.toMatch(liveMarkup);
        expect(postedText).not.toContain('12345678');
        if (want.noFileAccess) {
          expect(fileHits).toBe(0);
          expect(h.ws.calls().filter((c) => c.method.startsWith('files.'))).toEqual([]);
        }
      });
    }

    it('U7: after the whole file, every log line is one JSON object and nothing forged a line of its own', () => {
      const lines = h.logs().split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const entry = JSON.parse(line) as { app?: string; msg?: string };
        expect(entry.app).toBe('pacs-desk');
        expect(entry.msg).not.toBe('forged audit ok');
      }
      expect(h.logs()).not.toContain('12345678');
      expect(h.logs()).not.toContain('xwfp-');
      expect(h.logs()).not.toContain('not acknowledged within 3 seconds');
    });
  });
}

/** A 2xx (Slack shows an error and retries otherwise), no stack trace, and the ack body the fixture expects. */
function checkReply(reply: SlackReply, want: Fixture['expect']): void {
  expect(reply.status).toBe(want.status ?? 200);
  expect(reply.body).not.toMatch(/\n\s+at |node_modules|Error:/);
  if (want.bodyContains) expect(reply.body).toContain(want.bodyContains);
  if (want.ack && want.ack !== 'any') expect(JSON.parse(reply.body)).toMatchObject(want.ack);
}
