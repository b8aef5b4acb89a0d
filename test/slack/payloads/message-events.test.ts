import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { botPosts, nextEventId, sendEvent } from './slack-client.js';

let h: DeskHarness;
let fileServer: Server;
let fileHits = 0;
let fileUrl = '';

beforeAll(async () => {
  h = await startDesk();
  // Where the fixtures' url_private points: any request here means the bot tried to open a file.
  fileServer = createServer((_req, res) => {
    fileHits += 1;
    res.end('png');
  });
  await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
  fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await h.stop();
  await new Promise<void>((resolve) => fileServer.close(() => resolve()));
});

let tsCounter = 1_700_100_000;
const nextTs = () => {
  tsCounter += 1;
  return `${tsCounter}.000100`;
};
const repliesIn = (threadTs: string) => botPosts(h).filter((p) => p.thread_ts === threadTs);

/** A real DM through the workspace, answered: everything sent before it has been handled by then. */
async function barrier(): Promise<void> {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user: 'clinician',
    channel: 'dm',
    text: 'viewer says no images',
  });
  await h.ws.waitForMessage({ thread_ts: ts, fromBot: true });
}

const dm = (text: string, extra: Record<string, unknown> = {}) => {
  const ts = nextTs();
  return {
    type: 'message',
    channel: 'D0CLINIC1',
    channel_type: 'im',
    user: 'U0CLINIC1',
    text,
    ts,
    event_ts: ts,
    team: 'T0PACSDESK',
    client_msg_id: `c-${ts}`,
    ...extra,
  };
};

const screenshot = () => ({
  id: 'F0SCREEN01',
  created: 1_700_000_000,
  name: 'DOE_JANE_MRN12345678.png',
  title: 'DOE_JANE_MRN12345678.png',
  mimetype: 'image/png',
  filetype: 'png',
  user: 'U0CLINIC1',
  size: 48_213,
  mode: 'hosted',
  is_external: false,
  url_private: `${fileUrl}/files-pri/T0PACSDESK-F0SCREEN01/doe_jane.png`,
  url_private_download: `${fileUrl}/files-pri/T0PACSDESK-F0SCREEN01/download/doe_jane.png`,
  thumb_360: `${fileUrl}/files-tmb/T0PACSDESK-F0SCREEN01/doe_jane_360.png`,
  permalink: 'https://pacs-desk-local.slack.com/files/U0CLINIC1/F0SCREEN01/doe_jane.png',
});

describe('a DM that carries a file (subtype file_share)', () => {
  it('answers the text, reminds about patient details, never opens the file or repeats its name', async () => {
    const event = dm('viewer shows no images', {
      subtype: 'file_share',
      files: [screenshot()],
      upload: false,
      display_as_bot: false,
    });
    expect((await sendEvent(h, event)).status).toBe(200);
    await waitUntil(() => expect(repliesIn(event.ts).length).toBe(2));
    const [notice, answer] = repliesIn(event.ts);
    expect(notice?.text).toMatch(/patient details/);
    expect(answer?.text).not.toMatch(/patient details/);
    await barrier();
    expect(repliesIn(event.ts)).toHaveLength(2);
    expect(fileHits).toBe(0);
    expect(h.ws.calls().filter((c) => c.method.startsWith('files.'))).toEqual([]);
    const posted = JSON.stringify(botPosts(h));
    expect(posted).not.toContain('MRN12345678');
    expect(posted).not.toContain('DOE_JANE');
    expect(h.logs()).toContain('files with a question not opened');
    expect(h.logs()).not.toContain('DOE_JANE');
  });

  it('with no text at all: only the reminder, asking for a description in words', async () => {
    const event = dm('', { subtype: 'file_share', files: [screenshot()], upload: false });
    expect((await sendEvent(h, event)).status).toBe(200);
    await waitUntil(() => expect(repliesIn(event.ts).length).toBe(1));
    await barrier();
    expect(repliesIn(event.ts)).toHaveLength(1);
    expect(repliesIn(event.ts)[0]?.text).toMatch(/in words/);
    expect(fileHits).toBe(0);
  });

  it('a Slack Connect file (file_access check_file_info) is handled the same, without files.info', async () => {
    const event = dm('study stuck in the queue', {
      subtype: 'file_share',
      files: [{ id: 'F0REMOTE01', mode: 'file_access', file_access: 'check_file_info', created: 0, user: '' }],
      upload: true,
    });
    expect((await sendEvent(h, event)).status).toBe(200);
    await waitUntil(() => expect(repliesIn(event.ts).length).toBe(2));
    expect(h.ws.calls().filter((c) => c.method.startsWith('files.'))).toEqual([]);
  });
});

describe('an app_mention from a canvas (subtype document_mention)', () => {
  it('is ignored: nothing posted in the channel, a debug line in the log', async () => {
    const ts = nextTs();
    const before = botPosts(h).length;
    const r = await sendEvent(h, {
      type: 'app_mention',
      subtype: 'document_mention',
      user: 'U0CLINIC1',
      text: `<@${h.ws.botUserId}> was mentioned in a canvas`,
      document_mention: { file_id: 'F0CANVAS01', section_id: 'temp:C:abc123', mentioning_user_ids: ['U0CLINIC1'] },
      blocks: [{ type: 'section', block_id: 'x1', text: { type: 'mrkdwn', text: `&gt;&gt;&gt;Hey <@U0PACSBOT>` } }],
      channel: 'C0RADHELP',
      team: 'T0PACSDESK',
      ts,
      event_ts: ts,
    });
    expect(r.status).toBe(200);
    await waitUntil(() => expect(h.logs()).toContain('canvas mention ignored'));
    await barrier();
    expect(
      botPosts(h)
        .slice(before)
        .filter((p) => p.channel === 'C0RADHELP'),
    ).toEqual([]);
  });
});

describe('question length', () => {
  it('a DM over 4,000 characters gets a polite "please shorten" and no search or answer', async () => {
    const event = dm(`viewer blank ${'x'.repeat(4000)}`);
    expect((await sendEvent(h, event)).status).toBe(200);
    await waitUntil(() => expect(repliesIn(event.ts).length).toBe(1));
    await barrier();
    const replies = repliesIn(event.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/4,013 characters long; I can take questions of up to 4,000/);
    expect(replies[0]?.text).not.toContain('xxxx');
    const statusCalls = h.ws.calls('assistant.threads.setStatus').filter((c) => c.args.thread_ts === event.ts);
    expect(statusCalls).toEqual([]);
  });

  it('exactly 4,000 characters is still answered', async () => {
    const event = dm(`why is the viewer blank ${'y'.repeat(4000 - 24)}`);
    expect(event.text.length).toBe(4000);
    expect((await sendEvent(h, event)).status).toBe(200);
    await waitUntil(() =>
      expect(h.ws.calls('assistant.threads.setStatus').some((c) => c.args.thread_ts === event.ts)).toBe(true),
    );
    await waitUntil(() => expect(repliesIn(event.ts).length).toBe(1));
    expect(repliesIn(event.ts)[0]?.text).not.toMatch(/characters long/);
  });
});

describe('S8: events the bot must not act on', () => {
  it('S8: bot_id, bot_message, own user, edits, deletions and another bot asking "lookup MRN" are ignored; edits re-run nothing', async () => {
    const original = dm('why does the viewer say no images?');
    expect((await sendEvent(h, original)).status).toBe(200);
    await waitUntil(() => expect(repliesIn(original.ts).length).toBe(1));
    const ts = () => nextTs();
    const noise = [
      { ...dm('lookup MRN 12345678'), bot_id: 'B0OTHERBOT', user: 'U0OTHERBOT' },
      { ...dm('lookup MRN 12345678'), subtype: 'bot_message', bot_id: 'B0OTHERBOT', username: 'other' },
      { ...dm('lookup MRN 12345678'), user: h.ws.botUserId },
      {
        type: 'message',
        subtype: 'message_changed',
        channel: 'D0CLINIC1',
        channel_type: 'im',
        hidden: true,
        ts: ts(),
        event_ts: ts(),
        message: {
          type: 'message',
          user: 'U0CLINIC1',
          text: 'why does the viewer say no images? (edited)',
          ts: original.ts,
          edited: { user: 'U0CLINIC1', ts: ts() },
        },
        previous_message: { type: 'message', user: 'U0CLINIC1', text: original.text, ts: original.ts },
      },
      {
        type: 'message',
        subtype: 'message_changed',
        channel: 'D0CLINIC1',
        channel_type: 'im',
        hidden: true,
        ts: ts(),
        message: { type: 'message', bot_id: 'B0OTHERBOT', text: 'lookup MRN 12345678', ts: ts() },
      },
      {
        type: 'message',
        subtype: 'message_deleted',
        channel: 'D0CLINIC1',
        channel_type: 'im',
        hidden: true,
        ts: ts(),
        deleted_ts: original.ts,
        previous_message: { type: 'message', user: 'U0CLINIC1', text: original.text, ts: original.ts },
      },
      { ...dm('why does the viewer say no images?'), edited: { user: 'U0CLINIC1', ts: ts() } },
      {
        type: 'app_mention',
        bot_id: 'B0OTHERBOT',
        user: 'U0OTHERBOT',
        channel: 'C0RADHELP',
        text: `<@${h.ws.botUserId}> lookup MRN 12345678`,
        ts: ts(),
        event_ts: ts(),
      },
      {
        type: 'app_mention',
        user: h.ws.botUserId,
        channel: 'C0RADHELP',
        text: `<@${h.ws.botUserId}> lookup MRN 12345678`,
        ts: ts(),
        event_ts: ts(),
      },
    ];
    const before = botPosts(h).length;
    for (const event of noise) expect((await sendEvent(h, event)).status).toBe(200);
    await barrier();
    const after = botPosts(h).slice(before);
    // Only the barrier's own answer (one message in its own thread) was posted.
    expect(new Set(after.map((p) => p.thread_ts)).size).toBe(1);
    expect(after.some((p) => p.thread_ts === original.ts)).toBe(false);
    expect(repliesIn(original.ts)).toHaveLength(1);
    expect(h.logs()).not.toContain('12345678');
  });
});

describe('R2: Slack retries the same event_id', () => {
  it('R2: the original plus retries 1–3 (http_timeout), two of them concurrent, produce exactly one reply', async () => {
    const event = dm('how do I pull priors from the old archive?');
    const eventId = nextEventId('EvRetry');
    const first = await sendEvent(h, event, { eventId });
    const rest = await Promise.all(
      [1, 2, 3].map((retryNum) => sendEvent(h, event, { eventId, retryNum, retryReason: 'http_timeout' })),
    );
    for (const r of [first, ...rest]) expect(r.status).toBe(200);
    await waitUntil(() => expect(repliesIn(event.ts).length).toBe(1));
    // Concurrent copies of a second event, none of them first: still one.
    const second = dm('why is the study not in the worklist?');
    const secondId = nextEventId('EvRetry');
    const all = await Promise.all(
      [undefined, 1, 2, 3].map((retryNum) => sendEvent(h, second, { eventId: secondId, retryNum })),
    );
    for (const r of all) expect(r.status).toBe(200);
    await waitUntil(() => expect(repliesIn(second.ts).length).toBe(1));
    await barrier();
    expect(repliesIn(event.ts)).toHaveLength(1);
    expect(repliesIn(second.ts)).toHaveLength(1);
  });
});

describe('R2: a retried reaction opens one ticket', () => {
  it('R2: 🎫 by an associate delivered 4 times with one event_id (3 retries concurrently) opens exactly one ticket', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'Worklist on CT2 is empty since this morning',
    });
    const event = {
      type: 'reaction_added',
      user: 'U0ASSOC01',
      reaction: 'ticket',
      item_user: 'U0CLINIC1',
      item: { type: 'message', channel: 'C0RADHELP', ts },
      event_ts: nextTs(),
    };
    const eventId = nextEventId('EvReaction');
    const replies = await Promise.all(
      [undefined, 1, 2, 3].map((retryNum) => sendEvent(h, event, { eventId, retryNum, retryReason: 'http_timeout' })),
    );
    for (const r of replies) expect(r.status).toBe(200);
    const notes = () => botPosts(h).filter((p) => p.thread_ts === ts && /Ticket/.test(p.text));
    await waitUntil(() => expect(notes().length).toBe(1));
    await barrier();
    expect(notes()).toHaveLength(1);
    const cards = botPosts(h).filter((p) => p.channel === 'C0PTRIAGE' && p.text.includes('Worklist on CT2'));
    expect(cards).toHaveLength(1);
  });
});

describe('B6: Slack control sequences in what people type are never echoed live', () => {
  it('B6: <!channel>, <!here>, <!everyone>, <@U…>, <!subteam^…>, <https://evil|x> and &lt; in a DM and a command come back escaped', async () => {
    const hostile =
      '<!channel> <!here> <!everyone> <@U0ADMIN01> <!subteam^S0PACSADM> <https://evil.example/x|click> &lt;b&gt;';
    const event = dm(`viewer blank ${hostile}`);
    expect((await sendEvent(h, event)).status).toBe(200);
    await waitUntil(() => expect(repliesIn(event.ts).length).toBe(1));
    await h.api('/api/test/post', { user: 'clinician', channel: 'dm', text: `/pacs ${hostile}` });
    await h.api('/api/test/post', { user: 'clinician', channel: 'dm', text: '/pacs <@U0ADMIN01|avery>' });
    await barrier();
    const stored = await h.api<{ text: string; blocks: unknown; bot_id: string | null }[]>(
      '/api/test/messages?channel=D0CLINIC1',
    );
    const fromBot = stored.filter((m) => m.bot_id);
    // The unknown-subcommand replies (they quote the first word) are among what is checked.
    expect(fromBot.filter((m) => m.text.includes("I don't know"))).toHaveLength(2);
    const everything = JSON.stringify([botPosts(h), fromBot]);
    for (const live of ['<!channel>', '<!here>', '<!everyone>', '<@U0ADMIN01', '<!subteam^', '<https://evil']) {
      expect(everything).not.toContain(live);
    }
  });
});
