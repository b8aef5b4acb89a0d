import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { signSlackRequest } from '../../../src/devtools/workspace/index.js';
import type { StartOptions } from '../../../src/main.js';
import { type DeskHarness, startDesk, testSigningSecret } from '../../helpers/desk-harness.js';

export const TEAM = 'T0PACSDESK';
export const APP = 'A0PACSDESK';

/** `startDesk()` with the front's start options (an injected request clock, a short grace). */
export function startFrontDesk(
  env: Record<string, string> = {},
  options: Pick<StartOptions, 'requestClock' | 'shutdownGraceMs'> = {},
): Promise<DeskHarness> {
  return startDesk(env, {}, options);
}

/** How many bot messages a thread in #radiology-help has. */
export async function botReplies(h: DeskHarness, threadTs: string): Promise<number> {
  const messages = await h.api<{ bot_id?: string }[]>(
    `/api/test/messages?channel=radiology-help&thread_ts=${threadTs}`,
  );
  return messages.filter((m) => m.bot_id).length;
}

export const nowSec = () => Math.floor(Date.now() / 1000);

/** An app_mention envelope as Slack sends it, addressed to the local workspace's bot. */
export function mentionEnvelope(
  h: DeskHarness,
  text: string,
  extra: Record<string, unknown> = {},
): { body: string; eventId: string; ts: string } {
  const eventId = `EvFront${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  const ts = `${nowSec()}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const channel = 'C0RADHELP';
  const envelope = {
    token: 'x',
    team_id: TEAM,
    api_app_id: APP,
    type: 'event_callback',
    event_id: eventId,
    event_time: nowSec(),
    event: {
      type: 'app_mention',
      user: 'U0CLINIC1',
      text: `<@${h.ws.botUserId}> ${text}`,
      ts,
      channel,
      event_ts: ts,
    },
    ...extra,
  };
  return { body: JSON.stringify(envelope), eventId, ts };
}

/** POSTs a body signed with the harness secret at `tsSec` (default now) to the bot's events URL. */
export async function postSigned(
  h: DeskHarness,
  body: string,
  options: {
    tsSec?: number;
    contentType?: string;
    path?: string;
    secret?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  const headers = signSlackRequest(options.secret ?? testSigningSecret, body, options.tsSec ?? nowSec());
  return fetch(`${h.botUrl}${options.path ?? '/slack/events'}`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json', ...headers, ...options.headers },
    body,
  });
}

/**
 * A raw HTTP/1.1 exchange over a TCP socket: the request line is sent byte for byte (fetch and
 * http.request, which nock intercepts, would normalise `//`, `..` and `%2F` or refuse them).
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const lines = [`${method} ${path} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: close'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    if (body !== '' || method === 'POST') lines.push(`content-length: ${Buffer.byteLength(body)}`);
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks).toString('utf8'))));
  });
}

/** Status, lower-cased headers and body of a raw HTTP/1.1 response (no chunked bodies: ours never are). */
export function parseResponse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') };
}

/** A loopback server standing in for Slack's response_url: records what the bot posts to it. */
export async function startResponseRecorder(): Promise<{ url: string; posts: string[]; close(): Promise<void> }> {
  const posts: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      posts.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/response`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let triggerSeq = 0;

/** A `/pacs` slash-command form, fields in the order Slack sends them. */
export function commandForm(text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  triggerSeq += 1;
  return new URLSearchParams({
    token: 'x',
    team_id: TEAM,
    team_domain: 'pacsdesk',
    channel_id: 'C0RADHELP',
    channel_name: 'radiology-help',
    user_id: 'U0CLINIC1',
    user_name: 'casey.clinician',
    command: '/pacs',
    text,
    api_app_id: APP,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.${triggerSeq}.front`,
    ...extra,
  }).toString();
}

/** `v0=` HMAC of `v0:<ts>:<body>` with the harness secret, for timestamps signSlackRequest would coerce. */
export function rawSignature(ts: string, body: string, secret = testSigningSecret): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}
