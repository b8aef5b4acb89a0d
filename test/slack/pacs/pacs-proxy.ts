import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '../../../src/devtools/workspace/signing.js';
import { testSigningSecret } from '../../helpers/desk-harness.js';

/**
 * How the loopback PACS in front of the real Orthanc behaves:
 * `pass` forwards; `hang` accepts and never answers; `fail` answers 500 with a body full of patient data (a
 * PACS that echoes its query in errors); `gate` holds each request until `release()`, then forwards.
 */
export type ProxyMode = 'pass' | 'hang' | 'fail' | 'gate';

/** Patient data the `fail` mode puts into its error body; none of it may reach a log or Slack. */
export const errorBodyPhi = ['TEST^ALICE', 'SYN-PAT-001', 'SYN0001', '19600102'] as const;

export interface PacsProxy {
  url: string;
  mode: ProxyMode;
  /** Requests received so far (any mode). */
  count(): number;
  /** Method and path (with query) of every request received, in order. */
  requests: { method: string; url: string }[];
  /** Requests currently held by `gate` or `hang`. */
  held(): number;
  /** Lets every held `gate` request through. */
  release(): void;
  stop(): Promise<void>;
}

/**
 * A counting, fault-injecting HTTP proxy for one Orthanc: the test's view of every call the bot makes to
 * the PACS (checklist U2/B2 "zero PACS calls", R1 "a PACS that answers late", U3/R5 "hangs or 5xx").
 */
export async function startPacsProxy(target: string): Promise<PacsProxy> {
  const upstream = new URL(target);
  let received = 0;
  const waiting = new Set<() => void>();
  const hung = new Set<ServerResponse>();
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  };
  const proxy: PacsProxy = {
    url: '',
    mode: 'pass',
    count: () => received,
    requests: [],
    held: () => waiting.size + hung.size,
    release() {
      for (const go of [...waiting]) go();
    },
    stop: () =>
      new Promise((resolve) => {
        for (const res of hung) res.destroy();
        proxy.release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    received += 1;
    proxy.requests.push({ method: req.method ?? '', url: req.url ?? '' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      switch (proxy.mode) {
        case 'pass':
          return forward(req, body, res);
        case 'hang':
          hung.add(res);
          res.on('close', () => hung.delete(res));
          return;
        case 'fail':
          res.writeHead(500, { 'content-type': 'application/json' });
          return res.end(
            JSON.stringify({
              HttpError: 'Internal Server Error',
              Message: `lookup failed for PatientName=${errorBodyPhi[0]} PatientID=${errorBodyPhi[1]} AccessionNumber=${errorBodyPhi[2]} PatientBirthDate=${errorBodyPhi[3]}`,
            }),
          );
        case 'gate': {
          const go = () => {
            waiting.delete(go);
            forward(req, body, res);
          };
          waiting.add(go);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/** What the bot POSTed to a `response_url` we own. */
export interface Captured {
  response_type?: string;
  replace_original?: boolean;
  text?: string;
  blocks?: unknown[];
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

/** A loopback `response_url` target that records the bot's deferred replies exactly as sent. */
export async function startResponseCapture(): Promise<{
  url: string;
  received: Captured[];
  stop(): Promise<void>;
}> {
  const received: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Captured);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/respond`,
    received,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Posts `/pacs <text>` to the bot exactly as Slack does (form body, signed with the harness's secret) with a
 * `response_url` of our choosing; resolves with the HTTP ack.
 */
export async function signedPacsCommand(
  botUrl: string,
  fields: { userId: string; text: string; responseUrl: string; channelId?: string; userName?: string },
): Promise<{ status: number; body: string }> {
  const form = new URLSearchParams({
    token: 'local-verification-token',
    team_id: 'T0PACSDESK',
    team_domain: 'pacsdesk',
    channel_id: fields.channelId ?? 'C0RADHELP',
    channel_name: 'radiology-help',
    user_id: fields.userId,
    user_name: fields.userName ?? 'someone',
    command: '/pacs',
    text: fields.text,
    api_app_id: 'A0PACSDESK',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: `1337.42.${Math.random().toString(16).slice(2)}`,
  }).toString();
  const response = await fetch(`${botUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(testSigningSecret, form, Date.now() / 1000),
    },
    body: form,
  });
  return { status: response.status, body: await response.text() };
}
