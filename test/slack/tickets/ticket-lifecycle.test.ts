import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { cardFor, cliJson, ids, messages, submitTicket } from './ticket-helpers.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

interface TicketRow {
  key: string;
  status: string;
  urgency: string;
  category: string;
  summary: string;
  requester: string;
  assignee: string | null;
  created_at: string;
}

describe('a ticket from /pacs ticket to CSAT', () => {
  let key = '';
  let cardTs = '';

  it('/pacs ticket opens the modal; bad input comes back as field errors; a valid ticket is stored', async () => {
    await h.api('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: '/pacs ticket outside CT not visible',
    });
    const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
    expect(view.title).toBe('New PACS ticket');
    expect(JSON.stringify(view.blocks)).toContain('outside CT not visible');

    const bad = await submitTicket(h, 'clinician', view.id, { summary: 'hm', accession: 'A12*' });
    expect(bad).toMatchObject({
      response_action: 'errors',
      errors: {
        summary: expect.any(String),
        category: expect.any(String),
        accession: expect.stringMatching(/letters, digits and dashes/),
      },
    });

    const ok = await submitTicket(h, 'clinician', view.id, {
      summary: 'Outside CT for Mrs Jones MRN 1234567 not visible',
      description: 'Patient Jane Jones, DOB 01/02/1960, CT from St Elsewhere yesterday',
      category: 'prior_import',
      urgency: 'urgent',
      accession: 'CT24-0099123',
    });
    expect(ok).toEqual({});
    const rows = await waitUntil(async () => {
      const r = await cliJson<TicketRow[]>(h, 'tickets', 'list');
      expect(r).toHaveLength(1);
      return r;
    });
    expect(rows[0]).toMatchObject({
      status: 'new',
      urgency: 'urgent',
      category: 'prior_import',
      requester: ids.clinician,
      assignee: null,
    });
    key = rows[0]?.key ?? '';
    expect(key).toMatch(/^PACS-\d+$/);
  });

  it('P6: posts a triage card without patient identifiers and tells the requester by DM', async () => {
    const card = await cardFor(h, key);
    cardTs = card.ts;
    const shown = `${card.text} ${JSON.stringify(card.blocks)}`;
    expect(shown).toContain('ACC •••9123');
    for (const phi of ['CT24-0099123', '1234567', 'Jones', '01/02/1960']) expect(shown).not.toContain(phi);
    expect(shown).toContain('triage_assign');
    const dm = await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: key });
    expect(dm.text).not.toContain('Jones');
    const channelPosts = await messages(h, ids.help);
    expect(JSON.stringify(channelPosts)).not.toMatch(/CT24-0099123|Jones|1234567/);
  });

  it('lets only associates triage; of two associates assigning at once, one wins and the other is told', async () => {
    await h.api('/api/test/click', { user: 'clinician', channel: ids.triage, ts: cardTs, action_id: 'triage_assign' });
    await h.ws.waitForMessage({
      channel: ids.triage,
      ephemeralFor: ids.clinician,
      textIncludes: 'Only PACS associates',
    });

    await Promise.all([
      h.api('/api/test/click', { user: 'associate', channel: ids.triage, ts: cardTs, action_id: 'triage_assign' }),
      h.api('/api/test/click', { user: 'admin', channel: ids.triage, ts: cardTs, action_id: 'triage_assign' }),
    ]);
    const loser = await waitUntil(async () => {
      const told = (await messages(h, ids.triage)).find(
        (m) => m.ephemeral_for && m.text.includes('already assigned to'),
      );
      if (!told) throw new Error('nobody told yet');
      return told;
    });
    const [row] = await cliJson<TicketRow[]>(h, 'tickets', 'list');
    expect([ids.associate, ids.admin]).toContain(row?.assignee);
    expect(loser.ephemeral_for).not.toBe(row?.assignee);
    await cardFor(h, key, `<@${row?.assignee}>`);
  });

  it('changes urgency from the card', async () => {
    await h.api('/api/test/click', {
      user: 'associate',
      channel: ids.triage,
      ts: cardTs,
      action_id: 'triage_urgency',
      value: `${key}|stat`,
    });
    await cardFor(h, key, 'STAT');
    expect((await cliJson<TicketRow[]>(h, 'tickets', 'list'))[0]?.urgency).toBe('stat');
  });

  it('asks the requester by DM; their reply comes back to the ticket and the card thread, redacted', async () => {
    await h.api('/api/test/click', { user: 'associate', channel: ids.triage, ts: cardTs, action_id: 'triage_waiting' });
    const view = await h.ws.waitForView({ user: ids.associate, callback_id: 'ticket_ask_requester' });
    expect(
      await h.api('/api/test/submit', {
        user: 'associate',
        view_id: view.id,
        values: { note: { value: { type: 'plain_text_input', value: 'Which site sent the CD?' } } },
      }),
    ).toEqual({});
    const question = await h.ws.waitForMessage({
      channel: 'D0CLINIC1',
      fromBot: true,
      textIncludes: 'Which site sent the CD?',
    });
    expect((await cliJson<TicketRow[]>(h, 'tickets', 'list'))[0]?.status).toBe('waiting_on_requester');

    await h.api('/api/test/post', {
      user: 'clinician',
      channel: 'dm',
      thread_ts: question.thread_ts,
      text: 'St Elsewhere, for patient MRN 7654321',
    });
    const relayed = await h.ws.waitForMessage({
      channel: ids.triage,
      thread_ts: cardTs,
      fromBot: true,
      textIncludes: 'replied',
    });
    expect(relayed.text).toContain('St Elsewhere');
    expect(relayed.text).not.toContain('7654321');
    await waitUntil(async () =>
      expect((await cliJson<TicketRow[]>(h, 'tickets', 'list'))[0]?.status).toBe('in_progress'),
    );
    const detail = await cliJson<{ timeline: { kind: string; body?: string }[] }>(h, 'tickets', 'show', key);
    expect(detail.timeline.some((e) => e.kind === 'comment' && e.body?.includes('St Elsewhere'))).toBe(true);
  });

  it('turns a reply in the card thread into an internal note, without telling the requester', async () => {
    const dmsBefore = (await messages(h, 'D0CLINIC1')).length;
    await h.api('/api/test/post', {
      user: 'associate',
      channel: 'pacs-triage',
      thread_ts: cardTs,
      text: 'Checked the import queue: CD not loaded yet',
    });
    await waitUntil(async () => {
      const detail = await cliJson<{ timeline: { kind: string; body?: string }[] }>(h, 'tickets', 'show', key);
      expect(detail.timeline.some((e) => e.body === 'Checked the import queue: CD not loaded yet')).toBe(true);
    });
    expect((await messages(h, 'D0CLINIC1')).length).toBe(dmsBefore);
  });

  it('escalates by paging the on-call group in the card thread', async () => {
    await h.api('/api/test/click', {
      user: 'associate',
      channel: ids.triage,
      ts: cardTs,
      action_id: 'triage_escalate',
    });
    const page = await h.ws.waitForMessage({
      channel: ids.triage,
      thread_ts: cardTs,
      fromBot: true,
      textIncludes: 'escalated',
    });
    expect(page.text).toContain('<!subteam^S0PACSONC>');
  });

  it('resolves with a required note, then the requester rates it once', async () => {
    await h.api('/api/test/click', { user: 'associate', channel: ids.triage, ts: cardTs, action_id: 'triage_resolve' });
    const view = await h.ws.waitForView({ user: ids.associate, callback_id: 'ticket_resolve' });
    const empty = await h.api('/api/test/submit', {
      user: 'associate',
      view_id: view.id,
      values: { note: { value: { type: 'plain_text_input', value: '' } } },
    });
    expect(empty).toMatchObject({ response_action: 'errors', errors: { note: expect.any(String) } });
    await h.api('/api/test/submit', {
      user: 'associate',
      view_id: view.id,
      values: { note: { value: { type: 'plain_text_input', value: 'CD imported; study now in PACS.' } } },
    });
    await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: 'CD imported' });
    const card = await cardFor(h, key, 'Resolved');
    expect(JSON.stringify(card.blocks)).not.toContain('triage_resolve');

    const csat = await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: 'How did we do?' });
    await h
      .api('/api/test/click', { user: 'associate', channel: 'D0CLINIC1', ts: csat.ts, action_id: 'ticket_csat_1' })
      .catch(() => undefined);
    await h.api('/api/test/click', {
      user: 'clinician',
      channel: 'D0CLINIC1',
      ts: csat.ts,
      action_id: 'ticket_csat_5',
    });
    await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: 'Thanks for rating' });
    const detail = await cliJson<{ ticket: { csat?: number; status: string } }>(h, 'tickets', 'show', key);
    expect(detail.ticket).toMatchObject({ status: 'resolved', csat: 5 });
  });
});
