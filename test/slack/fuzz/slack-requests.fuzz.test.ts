import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import {
  envelope,
  postToBot,
  type ResponseSink,
  sendInteraction,
  startResponseSink,
} from '../payloads/slack-client.js';

/**
 * Property-based fuzzing of the bot's Slack parsers over real HTTP: the running bot (HTTP front, Bolt,
 * middleware, listeners) gets arbitrary Events API envelopes, slash-command forms and interactivity
 * payloads, signed with the real secret so they reach the parsers, and arbitrary unsigned requests.
 * Never a 5xx, never a crash (the process still answers /healthz and a real question afterwards), never
 * the raw input echoed back in a response body, a posted message or a response_url reply. Seeded and
 * bounded so a failure reproduces and the whole file stays within seconds.
 */
const seed = 0x5ac4de5;

let h: DeskHarness;
let sink: ResponseSink;
beforeAll(async () => {
  h = await startDesk({ PACS_KIND: 'orthanc', PACS_URL: 'http://127.0.0.1:9' });
  sink = await startResponseSink();
});
afterAll(async () => {
  await h?.stop();
  await sink?.close();
});

/** Inputs long enough that finding them verbatim in output means they were echoed (short previews are fine). */
const tracked = new Set<string>();
const track = (text: unknown) => {
  if (typeof text === 'string' && text.trim().length > 40) tracked.add(text.trim());
};

const slackMarkup = fc.constantFrom(
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0ADMIN01>',
  '<!subteam^S0PACSADM>',
  '<https://evil.example|click>',
  '&lt;',
  '&amp;',
  '\r\n{"level":30,"app":"pacs-desk","msg":"forged"}\r\n',
  'MRN 12345678',
  'ACC7654321',
  '\u202e',
  '\u0000',
  '１２３',
  '🩻',
  'x'.repeat(5000),
);
const words = fc.constantFrom('help', 'ask', 'study', 'queue', 'echo', 'tickets', 'ticket', 'mine', 'reindex', 'main');
const text = fc
  .array(fc.oneof(slackMarkup, words, fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 })), {
    maxLength: 6,
  })
  .map((parts) => parts.join(' '));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const userId = fc.oneof(
  fc.constantFrom('U0CLINIC1', 'U0ASSOC01', 'U0ADMIN01', 'U0PACSBOT'),
  fc.string({ maxLength: 12 }),
);
const channelId = fc.oneof(fc.constantFrom('D0CLINIC1', 'C0RADHELP', 'C0PTRIAGE'), fc.string({ maxLength: 12 }));
const ts = fc.oneof(fc.constant('1700300000.000100'), fc.string({ maxLength: 20 }));
/** Any JSON value, including deep and odd ones, where the bot expects something specific. */
const junk = fc.jsonValue({ maxDepth: 3 });

const innerEvent = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom(
        'message',
        'app_mention',
        'app_home_opened',
        'reaction_added',
        'subteam_members_changed',
        'function_executed',
        'member_joined_channel',
        'tokens_revoked',
      ),
      fc.string({ maxLength: 20 }),
    ),
    subtype: fc.oneof(
      fc.constantFrom('file_share', 'bot_message', 'message_changed', 'thread_broadcast', 'document_mention'),
      fc.string({ maxLength: 16 }),
    ),
    channel: fc.oneof(channelId, junk),
    channel_type: fc.oneof(fc.constantFrom('im', 'channel', 'group', 'mpim'), junk),
    user: fc.oneof(userId, junk),
    text: fc.oneof(text, junk),
    ts,
    thread_ts: ts,
    tab: fc.constantFrom('home', 'messages', 'other'),
    reaction: fc.constantFrom('ticket', 'admission_tickets', 'x'),
    item: junk,
    files: fc.oneof(fc.array(junk, { maxLength: 3 }), junk),
    subteam_id: fc.constantFrom('S0PACSASC', 'S0PACSADM', 'S0OTHER'),
    added_users: junk,
    removed_users: junk,
    bot_id: fc.string({ maxLength: 10 }),
    edited: junk,
    message: junk,
  },
  { requiredKeys: ['type'] },
);

const actionIds = fc.oneof(
  fc.constantFrom(
    'answer_feedback_up',
    'answer_feedback_down',
    'answer_open_ticket',
    'triage_assign',
    'triage_urgency',
    'triage_waiting',
    'triage_resolve',
    'triage_escalate',
    'ticket_csat_5',
    'pacs_confirm',
    'pacs_cancel',
  ),
  fc.string({ maxLength: 30 }),
);
const callbackIds = fc.oneof(
  fc.constantFrom(
    'answer_feedback_reason',
    'ticket_new',
    'ticket_resolve',
    'ticket_ask_requester',
    'pacs_new_ticket',
    'pacs_ticket_from_message',
  ),
  fc.string({ maxLength: 30 }),
);
const interaction = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom(
        'block_actions',
        'view_submission',
        'view_closed',
        'shortcut',
        'message_action',
        'block_suggestion',
        'interactive_message',
      ),
      fc.string({ maxLength: 20 }),
    ),
    user: fc.oneof(fc.record({ id: userId, team_id: fc.constant('T0PACSDESK') }), junk),
    team: fc.oneof(fc.constant({ id: 'T0PACSDESK', domain: 'pacs-desk-local' }), junk),
    api_app_id: fc.constant('A0PACSDESK'),
    trigger_id: fc.string({ maxLength: 20 }),
    callback_id: callbackIds,
    action_id: actionIds,
    value: text,
    channel: fc.oneof(fc.record({ id: channelId }), junk),
    container: junk,
    message: fc.oneof(fc.record({ ts, text }), junk),
    response_url: fc.constant(`__sink__`),
    actions: fc.oneof(
      fc.array(
        fc.record(
          {
            type: fc.constantFrom('button', 'static_select', 'x'),
            action_id: actionIds,
            value: text,
            block_id: fc.string(),
          },
          { requiredKeys: ['action_id'] },
        ),
        { maxLength: 2 },
      ),
      junk,
    ),
    view: fc.oneof(
      fc.record(
        {
          id: fc.string({ maxLength: 12 }),
          type: fc.constantFrom('modal', 'home'),
          callback_id: callbackIds,
          private_metadata: text,
          state: fc.record({ values: junk }),
        },
        { requiredKeys: ['callback_id'] },
      ),
      junk,
    ),
  },
  { requiredKeys: ['type'] },
);

/** A fresh response_url per request, so a reply can be traced to the request that caused it. */
let requestNo = 0;
const responseUrl = () => {
  requestNo += 1;
  return `${sink.url}/fuzz-${requestNo}`;
};

function expectNoEchoInReply(status: number, body: string, inputs: unknown[]): void {
  expect(status).toBeLessThan(500);
  expect(body).not.toMatch(/\n\s+at |node_modules/);
  for (const input of inputs) {
    if (typeof input === 'string' && input.trim().length > 40) expect(body).not.toContain(input.trim());
  }
}

describe('fuzzing the Slack request parsers over HTTP', () => {
  it('B8 S8: arbitrary signed Events API envelopes never cause a 5xx or an echo', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        innerEvent,
        fc.constantFrom('event_callback', 'event_callback', 'something'),
        async (event, type) => {
          n += 1;
          track(event.text);
          const body = { ...envelope(h, event as Record<string, unknown>, `EvFuzz${n}`), type };
          const reply = await postToBot(h, JSON.stringify(body));
          expectNoEchoInReply(reply.status, reply.body, [event.text]);
        },
      ),
      { numRuns: 120, seed },
    );
  });

  it('B1 B8: arbitrary signed /pacs command forms never cause a 5xx or an echo', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        userId,
        channelId,
        fc.constantFrom('/pacs', '/pacs', '/other', ''),
        maybe(fc.string({ maxLength: 10 })),
        async (commandText, user, channel, command, teamId) => {
          track(commandText);
          const form: Record<string, string> = {
            token: 't',
            team_id: teamId ?? 'T0PACSDESK',
            team_domain: 'pacs-desk-local',
            channel_id: channel,
            channel_name: 'x',
            user_id: user,
            user_name: 'someone',
            command,
            text: commandText,
            api_app_id: 'A0PACSDESK',
            response_url: responseUrl(),
            trigger_id: '1.2.3',
          };
          const reply = await postToBot(h, new URLSearchParams(form).toString(), {
            contentType: 'application/x-www-form-urlencoded',
          });
          expectNoEchoInReply(reply.status, reply.body, [commandText]);
        },
      ),
      { numRuns: 100, seed },
    );
  });

  it('B8: arbitrary signed interactivity payloads (and non-JSON payload fields) never cause a 5xx or an echo', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(interaction, fc.string({ maxLength: 200 })), async (payload) => {
        let raw: string;
        const values: unknown[] = [];
        if (typeof payload === 'string') {
          raw = payload;
          values.push(payload);
        } else {
          track(payload.value);
          values.push(payload.value);
          raw = JSON.stringify(payload).replaceAll('__sink__', responseUrl());
        }
        const reply = await sendInteraction(h, raw);
        expectNoEchoInReply(reply.status, reply.body, values);
      }),
      { numRuns: 120, seed },
    );
  });

  it('S1 S2: arbitrary unsigned or wrongly signed requests (any method, path, content type) get a 4xx, never a 5xx or an echo', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        fc.oneof(
          fc.constantFrom(
            '/slack/events',
            '/slack/events/',
            '//slack/events',
            '/slack/events?x=1',
            '/',
            '/favicon.ico',
          ),
          fc.webPath(),
        ),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', ''),
        fc.oneof(fc.string({ maxLength: 300 }), text),
        fc.constantFrom<false | string>(false, 'wrong-secret'),
        async (method, path, contentType, body, sign) => {
          const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
          if (sign) Object.assign(headers, { 'x-slack-request-timestamp': 'now', 'x-slack-signature': 'v0=00' });
          const response = await fetch(`${h.botUrl}${path}`, {
            method,
            headers,
            body: method === 'GET' || method === 'OPTIONS' ? undefined : body,
          });
          const reply = await response.text();
          // /healthz and /readyz answer 200/503 by design; everything else unsigned is refused.
          if (!/^\/(healthz|readyz)(\?|$)/.test(path)) expect(response.status).toBeGreaterThanOrEqual(400);
          expectNoEchoInReply(response.status === 503 ? 200 : response.status, reply, [body]);
        },
      ),
      { numRuns: 100, seed },
    );
  });

  it('afterwards the bot is alive and answers a DM and a mention, and nothing it posted or replied repeats a fuzzed input', async () => {
    expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
    const { ts: asked } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'dm',
      text: 'viewer says no images',
    });
    await h.ws.waitForMessage({ thread_ts: asked, fromBot: true });
    const { ts: mentioned } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${h.ws.botUserId}> the study is not in the worklist`,
    });
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: mentioned, fromBot: true });
    const posted = h.ws
      .calls()
      .filter((c) => c.method.startsWith('chat.') || c.method.startsWith('views.'))
      .map((c) => JSON.stringify(c.args));
    const replies = sink.posts().map((p) => JSON.stringify(p.body));
    expect(tracked.size).toBeGreaterThan(10);
    for (const input of tracked) {
      for (const out of [...posted, ...replies]) expect(out.includes(JSON.stringify(input).slice(1, -1))).toBe(false);
    }
    expect(h.logs()).not.toContain('12345678');
    expect(h.logs()).not.toContain('ACC7654321');
  });
});
