import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { cliJson, ids, submitTicket } from './ticket-helpers.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

interface Row {
  key: string;
  requester: string;
  summary: string;
}

describe('ways into a ticket', () => {
  it('message shortcut: the modal is prefilled with the message and its permalink', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'Scanner 3 worklist is empty this morning',
    });
    await h.api('/api/test/shortcut', {
      user: 'clinician',
      callback_id: 'pacs_ticket_from_message',
      channel: 'radiology-help',
      ts,
    });
    const view = await waitUntil(async () => {
      const v = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
      if (!JSON.stringify(v.blocks).includes('From: ')) throw new Error('permalink not added yet');
      return v;
    });
    expect(JSON.stringify(view.blocks)).toContain('Scanner 3 worklist is empty this morning');
    expect(
      await submitTicket(h, 'clinician', view.id, {
        summary: 'Scanner 3 worklist empty',
        category: 'worklist_modality',
        urgency: 'routine',
      }),
    ).toEqual({});
    const note = await h.ws.waitForMessage({ channel: ids.help, thread_ts: ts, fromBot: true, textIncludes: 'Ticket' });
    expect(note.text).toMatch(/PACS-\d+/);
  });

  it('global shortcut opens an empty ticket modal', async () => {
    await h.api('/api/test/shortcut', { user: 'associate', callback_id: 'pacs_new_ticket' });
    const view = await h.ws.waitForView({ user: ids.associate, callback_id: 'ticket_new' });
    await h.api('/api/test/close', { user: 'associate', view_id: view.id });
  });

  it('🎫 by an associate opens a ticket for the author of the message; by a clinician it does nothing', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'Mammo priors are not hanging next to the current exam',
    });
    await h.api('/api/test/react', { user: 'clinician', channel: 'radiology-help', ts, name: 'ticket' });
    await h.api('/api/test/react', { user: 'associate', channel: 'radiology-help', ts, name: 'ticket' });
    await h.api('/api/test/react', { user: 'admin', channel: 'radiology-help', ts, name: 'admission_tickets' });
    const note = await h.ws.waitForMessage({ channel: ids.help, thread_ts: ts, fromBot: true, textIncludes: 'Ticket' });
    expect(note.text).toContain(`<@${ids.clinician}>`);
    const rows = (await cliJson<Row[]>(h, 'tickets', 'list')).filter((r) => r.summary.startsWith('Mammo priors'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.requester).toBe(ids.clinician);
  });

  it('"I don\'t know" answers offer a ticket, prefilled with the question', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${h.ws.botUserId}> what is on the cafeteria menu today`,
    });
    const answer = await h.ws.waitForMessage({ channel: ids.help, thread_ts: ts, fromBot: true });
    expect(blockText(answer.blocks)).toContain('answer_open_ticket');
    await h.api('/api/test/click', {
      user: 'clinician',
      channel: 'radiology-help',
      ts: answer.ts,
      action_id: 'answer_open_ticket',
    });
    const view = await waitUntil(async () => {
      const v = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
      if (!JSON.stringify(v.blocks).includes('cafeteria')) throw new Error('not prefilled yet');
      return v;
    });
    expect(JSON.stringify(view.blocks)).toContain('PACS Desk:');
    await h.api('/api/test/close', { user: 'clinician', view_id: view.id });
  });

  it('answers that the bot could give carry no ticket button', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${h.ws.botUserId}> how do I burn a cd for a patient`,
    });
    const answer = await h.ws.waitForMessage({ channel: ids.help, thread_ts: ts, fromBot: true });
    expect(blockText(answer.blocks)).not.toContain('answer_open_ticket');
  });

  it('a double submit of the same modal opens one ticket', async () => {
    const before = (await cliJson<Row[]>(h, 'tickets', 'list')).length;
    await h.api('/api/test/shortcut', { user: 'associate', callback_id: 'pacs_new_ticket' });
    const view = await h.ws.waitForView({ user: ids.associate, callback_id: 'ticket_new' });
    const fields = { summary: 'Double submitted ticket', category: 'other', urgency: 'routine' };
    await Promise.all([submitTicket(h, 'associate', view.id, fields), submitTicket(h, 'associate', view.id, fields)]);
    const rows = await waitUntil(async () => {
      const all = await cliJson<Row[]>(h, 'tickets', 'list');
      expect(all.length).toBe(before + 1);
      return all;
    });
    expect(rows.filter((r) => r.summary === 'Double submitted ticket')).toHaveLength(1);
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
