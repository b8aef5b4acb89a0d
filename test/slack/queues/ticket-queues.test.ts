import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { cliJson, ids, type MessageOut, messages, submitTicket } from '../tickets/ticket-helpers.js';

// The seeded workspace has two channels: #radiology-help is both queue `ed`'s channel and its triage channel, and
// takes the cards of queue `hw` (hardware tickets from anywhere else); everything else goes to #pacs-triage.
const dir = tempDir('queues-');
const channelsFile = join(dir.path, 'channels.json');
writeFileSync(
  channelsFile,
  JSON.stringify({
    channels: [{ id: ids.help, queue: 'ed' }],
    queues: [
      { id: 'ed', name: 'Emergency', triageChannel: ids.help, oncallGroup: 'S0PACSADM', sla: { urgent: 30 } },
      { id: 'hw', name: 'Hardware', triageChannel: ids.help, oncallGroup: 'S0PACSONC', categories: ['hardware'] },
    ],
  }),
);

interface Row {
  key: string;
  queue: string;
  category: string;
}
interface Shown {
  ticket: { key: string; queue: string; createdAt: string; slaDueAt: string; card?: { channel: string; ts: string } };
  timeline: { kind: string; body?: string; data?: Record<string, unknown> }[];
}

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk({ CHANNELS_CONFIG: channelsFile });
});
afterAll(async () => {
  await h.stop();
  dir.remove();
});

/** Opens a ticket with /pacs ticket in `channel` as the clinician; returns the stored ticket once its card is up. */
async function openTicket(channel: string, summary: string, category: string): Promise<Shown['ticket']> {
  const before = new Set((await cliJson<Row[]>(h, 'tickets', 'list')).map((r) => r.key));
  await h.api('/api/test/post', { user: 'clinician', channel, text: `/pacs ticket ${summary}` });
  const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
  expect(await submitTicket(h, 'clinician', view.id, { summary, category, urgency: 'urgent' })).toEqual({});
  return waitUntil(async () => {
    const row = (await cliJson<Row[]>(h, 'tickets', 'list')).find((r) => !before.has(r.key));
    if (!row) throw new Error('not stored yet');
    const { ticket } = await cliJson<Shown>(h, 'tickets', 'show', row.key);
    if (!ticket.card) throw new Error('no card yet');
    return ticket;
  });
}

const cardsIn = async (channel: string, key: string): Promise<MessageOut[]> =>
  (await messages(h, channel)).filter((m) => !m.thread_ts && m.text.startsWith(key));

describe('several queues through the local workspace', () => {
  let ed: Shown['ticket'];
  let hw: Shown['ticket'];
  let plain: Shown['ticket'];

  it("a ticket opened in queue ed's channel lands in ed, its card in ed's triage channel, on ed's SLA", async () => {
    ed = await openTicket('radiology-help', 'Reading room 2 cannot open prior CT', 'viewer_access');
    expect(ed.queue).toBe('ed');
    expect(ed.card?.channel).toBe(ids.help);
    expect(Date.parse(ed.slaDueAt) - Date.parse(ed.createdAt)).toBe(30 * 60_000);
    const [card] = await cardsIn(ids.help, ed.key);
    expect(JSON.stringify(card?.blocks)).toContain('*Queue*\\ned');
    expect(await cardsIn(ids.triage, ed.key)).toHaveLength(0);
  });

  it("a hardware ticket from an unlisted place goes to the hardware queue; others stay in default's channel", async () => {
    hw = await openTicket('dm', 'Barcode scanner in CT1 not reading', 'hardware');
    expect(hw).toMatchObject({ queue: 'hw', card: { channel: ids.help } });
    expect(Date.parse(hw.slaDueAt) - Date.parse(hw.createdAt)).toBe(240 * 60_000);
    plain = await openTicket('dm', 'Viewer logs me out every hour', 'viewer_access');
    expect(plain).toMatchObject({ queue: 'default', card: { channel: ids.triage } });
    expect(await cardsIn(ids.help, plain.key)).toHaveLength(0);
  });

  it("Escalate pages the ticket's queue's on-call group", async () => {
    const ts = ed.card?.ts ?? '';
    await h.api('/api/test/click', { user: 'associate', channel: ids.help, ts, action_id: 'triage_escalate' });
    const page = await h.ws.waitForMessage({
      channel: ids.help,
      thread_ts: ts,
      fromBot: true,
      textIncludes: 'escalated',
    });
    expect(page.text).toContain('<!subteam^S0PACSADM>');
    const hwTs = hw.card?.ts ?? '';
    await h.api('/api/test/click', { user: 'associate', channel: ids.help, ts: hwTs, action_id: 'triage_escalate' });
    const hwPage = await h.ws.waitForMessage({
      channel: ids.help,
      thread_ts: hwTs,
      fromBot: true,
      textIncludes: 'escalated',
    });
    expect(hwPage.text).toContain('<!subteam^S0PACSONC>');
    const { timeline } = await cliJson<Shown>(h, 'tickets', 'show', ed.key);
    expect(timeline.find((e) => e.kind === 'escalation')?.data).toEqual({ group: 'S0PACSADM', queue: 'ed' });
  });

  it("a reply in a card thread in a queue's own triage channel becomes a note", async () => {
    await h.api('/api/test/post', {
      user: 'associate',
      channel: 'radiology-help',
      thread_ts: hw.card?.ts,
      text: 'Swapped the scanner cable',
    });
    await waitUntil(async () => {
      const { timeline } = await cliJson<Shown>(h, 'tickets', 'show', hw.key);
      expect(timeline.some((e) => e.kind === 'comment' && e.body === 'Swapped the scanner cable')).toBe(true);
    });
  });

  it('App Home shows associates the queues whose on-call group they are in, with open counts', async () => {
    const homeOf = async (user: string) => {
      await h.api('/api/test/open-home', { user });
      return waitUntil(async () => {
        const view = await h.api<{ blocks: unknown[] } | null>(`/api/test/home?user=${user}`);
        const text = view ? blockText(view.blocks) : '';
        if (!/Open queue|Your tickets/.test(text)) throw new Error('home not published yet');
        return text;
      });
    };
    const associate = await homeOf('associate');
    expect(associate).toContain('Your queues');
    // The default queue's on-call group is ONCALL_GROUP (the workspace's pacs-oncall), which the associate is in.
    expect(associate).toContain('*Default · 1 open*');
    expect(associate).toContain(`*Hardware · 1 open*\\n*${hw.key}*`);
    expect(associate).not.toContain('Emergency');
    expect(associate).toContain('Open queue (3)');
    const admin = await homeOf('admin');
    expect(admin).toContain(`*Emergency · 1 open*\\n*${ed.key}*`);
    expect(admin).not.toContain('*Hardware ·');
    expect(admin).not.toContain('*Default ·');
    const clinician = await homeOf('clinician');
    expect(clinician).toContain('Your tickets');
    expect(clinician).not.toContain('Your queues');
  });

  it('tickets list --queue and tickets summary split by queue', async () => {
    expect((await cliJson<Row[]>(h, 'tickets', 'list', '--queue', 'hw')).map((r) => r.key)).toEqual([hw.key]);
    const summary = await cliJson<{ queues: { id: string; opened: number }[] }>(h, 'tickets', 'summary');
    // The CLI here runs without CHANNELS_CONFIG: it lists the queues the tickets name.
    expect(summary.queues.map((q) => [q.id, q.opened])).toEqual([
      ['default', 1],
      ['ed', 1],
      ['hw', 1],
    ]);
  });
});
