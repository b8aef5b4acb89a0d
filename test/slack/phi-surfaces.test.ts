import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeedbackModal } from '../../src/slack/blocks/feedback-modal.js';
import { buildAskRequesterModal, buildResolveModal } from '../../src/slack/blocks/tickets/note-modals.js';
import { buildTicketModal } from '../../src/slack/blocks/tickets/ticket-modal.js';
import { type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { waitUntil } from '../helpers/wait-until.js';
import { cardFor, cliJson, ids, messages, submitTicket } from './tickets/ticket-helpers.js';

/** What the clinician typed in their DM with the bot: a name, an MRN, a birth date, an accession. */
const typed = 'Jane Jones MRN 8812345 DOB 01/02/1960: her outside CT (accession CT24-0088123) will not load';
const phi = ['Jane', 'Jones', '8812345', '01/02/1960', 'CT24-0088123'];
const expectNoPhi = (surface: string, text: string) => {
  for (const value of phi) expect(text, `${surface} shows ${value}`).not.toContain(value);
};

let h: DeskHarness;
let key = '';
let cardTs = '';
const modalTitles: string[] = [];

beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

describe('P6: a ticket opened from a DM with an MRN and a name', () => {
  it('P6: the triage card, its title and notifications are redacted; the full text stays in the ticket store', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', { user: 'clinician', channel: 'dm', text: typed });
    await h.api('/api/test/shortcut', {
      user: 'clinician',
      callback_id: 'pacs_ticket_from_message',
      channel: 'dm',
      ts,
    });
    const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
    modalTitles.push(view.title);
    expect(JSON.stringify(view.blocks)).toContain('8812345'); // prefilled for the requester only, in the modal body
    expect(
      await submitTicket(h, 'clinician', view.id, {
        summary: typed.slice(0, 150),
        description: typed,
        category: 'prior_import',
        urgency: 'urgent',
        accession: 'CT24-0088123',
      }),
    ).toEqual({});
    const dm = await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: 'PACS-' });
    key = /PACS-\d+/.exec(dm.text)?.[0] ?? '';
    const card = await cardFor(h, key);
    cardTs = card.ts;
    // The card's notification text (its "title" in Slack's notifications) and its blocks.
    expectNoPhi('card title', card.text);
    expectNoPhi('card', JSON.stringify(card.blocks));
    expect(JSON.stringify(card.blocks)).toContain('[MRN]');
    expect(JSON.stringify(card.blocks)).toContain('ACC •••8123');
    expectNoPhi('triage channel', JSON.stringify(await messages(h, ids.triage)));
    expectNoPhi('requester DM notification', dm.text);
    const stored = await cliJson<{ ticket: { summary: string; description: string; accession?: string } }>(
      h,
      'tickets',
      'show',
      key,
    );
    expect(stored.ticket.description).toContain('8812345');
    expect(stored.ticket.accession).toBe('CT24-0088123');
  });
});

describe('P9: App Home, modal titles, topics, status and canvases carry no PHI', () => {
  it('P9: App Home of every role lists the ticket without identifiers', async () => {
    for (const user of ['clinician', 'associate', 'admin'] as const) {
      await h.api('/api/test/open-home', { user });
      const home = await waitUntil(async () => {
        const v = await h.api<{ view: unknown } | null>(`/api/test/home?user=${user}`);
        const text = JSON.stringify(v?.view ?? null);
        if (!text.includes(key)) throw new Error(`home of ${user} has no ${key} yet`);
        return text;
      });
      expectNoPhi(`App Home of ${user}`, home);
    }
  });

  it('P9: the Resolve and Ask-requester modals opened from the card have fixed titles', async () => {
    for (const [action, callback] of [
      ['triage_resolve', 'ticket_resolve'],
      ['triage_waiting', 'ticket_ask_requester'],
    ] as const) {
      await h.api('/api/test/click', { user: 'associate', channel: ids.triage, ts: cardTs, action_id: action });
      const view = await h.ws.waitForView({ user: ids.associate, callback_id: callback });
      modalTitles.push(view.title);
      expectNoPhi('note modal', JSON.stringify(view.blocks));
      await h.api('/api/test/close', { user: 'associate', view_id: view.id });
    }
    expect(modalTitles).toEqual(['New PACS ticket', 'Resolve ticket', 'Ask the requester']);
  });

  it('P9 (static): modal titles never depend on what was typed', () => {
    const prefill = { summary: typed, description: typed };
    const titles = [
      buildTicketModal(prefill, { channel: 'D0CLINIC1', ts: '1.2' }),
      buildResolveModal('PACS-1'),
      buildAskRequesterModal('PACS-1'),
      buildFeedbackModal({ answerId: typed }),
    ].map((view) => (view.type === 'modal' ? view.title.text : view.type));
    expect(titles).toEqual(['New PACS ticket', 'Resolve ticket', 'Ask the requester', 'What went wrong?']);
  });

  it('P9: the bot never sets a channel topic or purpose, its profile, a canvas or a thread title; its status text is fixed', () => {
    const methods = new Set(h.ws.calls().map((c) => c.method));
    expect(methods.size).toBeGreaterThan(3);
    for (const method of methods) {
      expect(method).not.toMatch(/^conversations\.set(Topic|Purpose)$|^users\.profile\.set$|^canvases\.|setTitle$/);
    }
    for (const call of h.ws.calls('assistant.threads.setStatus'))
      expectNoPhi('thread status', JSON.stringify(call.args));
  });
});
