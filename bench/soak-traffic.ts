import { click, command, eventBody, signed, unixNow } from './soak-payloads.js';

/** One request of the soak: what to send, and whether a correct bot must accept it (2xx) and reply. */
export interface SoakRequest {
  kind: SoakClass;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Send the body with chunked transfer encoding (no Content-Length to refuse it by). */
  chunked?: boolean;
  /** Mentions and DMs: the thread the reply must appear in. Commands: the response_url id. */
  expect?: { channel: string; ts: string } | { responseId: string } | { ephemeral: true };
}

/** Valid classes must be answered 200; the others must be refused with a 4xx, never a 5xx. */
export const validClasses = ['mention', 'dm', 'help', 'ask', 'click'] as const;
export const invalidClasses = ['stray', 'oversized', 'malformed', 'badsig'] as const;
export type SoakClass = (typeof validClasses)[number] | (typeof invalidClasses)[number];

/** The mix, per 20 requests: mostly real work, a quarter hostile or broken. */
export const mix = (
  'mention dm help mention stray ask mention click dm badsig ' +
  'mention help stray ask mention dm oversized click malformed stray'
).split(' ') as readonly SoakClass[];

const questions = [
  'the viewer opens the exam but says no images',
  'how do i get old scans from the archive to compare',
  'patient is not on the scanner worklist',
  'how do I burn a cd for the patient to take home',
  'new locum needs pacs access',
];

export interface TrafficContext {
  secret: string;
  teamId: string;
  appId: string;
  botUserId: string;
  user: { id: string; name: string; dm: string };
  channel: string;
  /** Base URL of the response_url sink. */
  sinkUrl: string;
  /** The posted answer the 👍 clicks refer to. */
  answer: { ts: string; answerId: string; blocks: unknown[] };
  /** Makes Slack-like unique ts values. */
  nextTs(): string;
}

/** Oversized body: 2 MiB with a fresh timestamp (so the only reason to refuse it is its size). */
const bigBody = Buffer.alloc(2 * 1024 * 1024, 'a');

/** Builds the n-th request of the mix; every valid event gets a unique event_id and ts. */
export function buildRequest(
  ctx: TrafficContext,
  n: number,
  kind: SoakClass = mix[n % mix.length] ?? 'mention',
): SoakRequest {
  const question = questions[n % questions.length] ?? '';
  switch (kind) {
    case 'mention':
    case 'dm': {
      const ts = ctx.nextTs();
      const channel = kind === 'dm' ? ctx.user.dm : ctx.channel;
      const event =
        kind === 'dm'
          ? { type: 'message', channel_type: 'im', channel, user: ctx.user.id, text: question, ts, event_ts: ts }
          : {
              type: 'app_mention',
              channel,
              user: ctx.user.id,
              text: `<@${ctx.botUserId}> ${question}`,
              ts,
              event_ts: ts,
            };
      const body = eventBody(ctx, n, event);
      return {
        kind,
        method: 'POST',
        path: '/slack/events',
        headers: signed(ctx, body, 'json'),
        body,
        expect: { channel, ts },
      };
    }
    case 'help':
      return command(ctx, n, 'help');
    case 'ask':
      return command(ctx, n, `ask ${question}`);
    case 'click':
      return click(ctx, n);
    case 'stray':
      return stray(ctx, n);
    case 'oversized':
      return {
        kind,
        method: 'POST',
        path: '/slack/events',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(unixNow()),
          'x-slack-signature': 'v0=00',
        },
        body: bigBody,
        // Every other one declares its size; the rest stream it chunked, so only a counting reader can stop it.
        chunked: Math.floor(n / mix.length) % 2 === 1,
      };
    case 'malformed': {
      const [body, type] =
        n % 2 === 0
          ? ['{"type":"event_callback","event":{', 'json' as const]
          : ['payload=%7Bnot-json', 'form' as const];
      return { kind, method: 'POST', path: '/slack/events', headers: signed(ctx, body, type), body };
    }
    case 'badsig': {
      const ts = ctx.nextTs();
      const body = eventBody(ctx, n, {
        type: 'app_mention',
        channel: ctx.channel,
        user: ctx.user.id,
        text: `<@${ctx.botUserId}> hi`,
        ts,
      });
      return {
        kind,
        method: 'POST',
        path: '/slack/events',
        headers: signed(ctx, body, 'json', 'not-the-secret'),
        body,
      };
    }
  }
}

/** Paths and methods Bolt does not own; a signed url_verification on the trailing-slash spelling has no side effect. */
function stray(ctx: TrafficContext, n: number): SoakRequest {
  const which = Math.floor(n / mix.length) % 4;
  if (which === 0) return { kind: 'stray', method: 'GET', path: '/', headers: {} };
  if (which === 1) return { kind: 'stray', method: 'GET', path: '/favicon.ico', headers: {} };
  if (which === 2) return { kind: 'stray', method: 'PUT', path: '/slack/events', headers: {} };
  const body = JSON.stringify({ token: 'x', challenge: `c${n}`, type: 'url_verification' });
  return { kind: 'stray', method: 'POST', path: '/slack/events/', headers: signed(ctx, body, 'json'), body };
}
