import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '../../../src/devtools/workspace/index.js';
import { type DeskHarness, testSigningSecret } from '../../helpers/desk-harness.js';

/** What the bot answered over HTTP. */
export interface SlackReply {
  status: number;
  body: string;
}

export interface PostOptions {
  contentType?: string;
  headers?: Record<string, string>;
  /** false: no signature headers at all; a string: sign with that secret instead. */
  sign?: boolean | string;
}

/** Posts a raw body to the bot's /slack/events as Slack does: signed over the exact bytes, now. */
export async function postToBot(h: DeskHarness, body: string, options: PostOptions = {}): Promise<SlackReply> {
  const signing =
    options.sign === false
      ? {}
      : signSlackRequest(
          typeof options.sign === 'string' ? options.sign : testSigningSecret,
          body,
          Math.floor(Date.now() / 1000),
        );
  const response = await fetch(`${h.botUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json', ...signing, ...options.headers },
    body,
  });
  return { status: response.status, body: await response.text() };
}

let counter = 0;
/** A fresh event id per delivery, unique across the run (retries reuse the one they are given). */
export function nextEventId(prefix = 'EvFixture'): string {
  counter += 1;
  return `${prefix}${String(counter).padStart(5, '0')}`;
}

/** The Events API envelope around an inner event. */
export function envelope(h: DeskHarness, event: Record<string, unknown>, eventId = nextEventId()) {
  return {
    token: 'fixture-verification-token',
    team_id: h.ws.teamId,
    api_app_id: 'A0PACSDESK',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: h.ws.teamId,
        user_id: h.ws.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event,
  };
}

export function sendEvent(
  h: DeskHarness,
  event: Record<string, unknown>,
  options: { eventId?: string; retryNum?: number; retryReason?: string } = {},
): Promise<SlackReply> {
  const headers: Record<string, string> = {};
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  return postToBot(h, JSON.stringify(envelope(h, event, options.eventId)), { headers });
}

/** An interactivity request: `payload=<json>` as a form post. */
export function sendInteraction(h: DeskHarness, payload: unknown, options: PostOptions = {}): Promise<SlackReply> {
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return postToBot(h, new URLSearchParams({ payload: raw }).toString(), {
    contentType: 'application/x-www-form-urlencoded',
    ...options,
  });
}

/** A slash command: the form fields Slack posts. */
export function sendCommand(h: DeskHarness, form: Record<string, string>): Promise<SlackReply> {
  return postToBot(h, new URLSearchParams(form).toString(), { contentType: 'application/x-www-form-urlencoded' });
}

/** A stand-in for Slack's response_url endpoints: records what the bot posts to each path. */
export interface ResponseSink {
  url: string;
  /** Bodies posted to `${url}/<key>`, oldest first. */
  posts(key?: string): { key: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startResponseSink(): Promise<ResponseSink> {
  const received: { key: string; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = { raw };
      }
      received.push({ key: (req.url ?? '/').slice(1), body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts: (key) => received.filter((p) => key === undefined || p.key === key),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The bot's messages (chat.postMessage/postEphemeral/update) as recorded by the local workspace. */
export function botPosts(h: DeskHarness): { method: string; channel: string; thread_ts?: string; text: string }[] {
  return h.ws
    .calls()
    .filter((c) => ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.startStream'].includes(c.method))
    .map((c) => ({
      method: c.method,
      channel: String(c.args.channel ?? ''),
      thread_ts: c.args.thread_ts === undefined ? undefined : String(c.args.thread_ts),
      text: `${String(c.args.text ?? '')} ${JSON.stringify(c.args.blocks ?? '')}`,
    }));
}
