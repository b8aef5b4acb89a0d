import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { ids, messages, submitTicket } from './ticket-helpers.js';

let h: DeskHarness;
let key = '';

beforeAll(async () => {
  h = await startDesk();
  await h.api('/api/test/shortcut', { user: 'clinician', callback_id: 'pacs_new_ticket' });
  const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
  await submitTicket(h, 'clinician', view.id, {
    summary: 'Viewer blank for patient MRN 5551234',
    description: 'details',
    category: 'images_not_displaying',
    urgency: 'stat',
    accession: 'ACC-77001234',
  });
  const dm = await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: 'PACS-' });
  key = /PACS-\d+/.exec(dm.text)?.[0] ?? '';
});
afterAll(() => h.stop());

/** Runs a slash command and waits for its ephemeral reply (only messages newer than the command count). */
async function slashReply(user: 'clinician' | 'associate', text: string, includes: string) {
  const last = (await messages(h, ids.help)).at(-1)?.ts;
  await h.api('/api/test/post', { user, channel: 'radiology-help', text });
  return h.ws.waitForMessage({
    channel: ids.help,
    ephemeralFor: user === 'clinician' ? ids.clinician : ids.associate,
    textIncludes: includes,
    after: last,
  });
}

describe('/pacs tickets', () => {
  it('mine: the requester sees their ticket, masked, only to them', async () => {
    const reply = await slashReply('clinician', '/pacs tickets mine', 'Your tickets');
    expect(blockText(reply.blocks)).toContain(key);
    expect(blockText(reply.blocks)).not.toMatch(/5551234|ACC-77001234/);
  });

  it('open: associates only', async () => {
    const denied = await slashReply('clinician', '/pacs tickets open', 'Only PACS associates');
    expect(denied.ephemeral_for).toBe(ids.clinician);
    const queue = await slashReply('associate', '/pacs tickets open', 'Open tickets');
    expect(blockText(queue.blocks)).toContain(key);
  });

  it('a key: full detail with the accession for associates, ephemeral; unknown keys are explained', async () => {
    const detail = await slashReply('associate', `/pacs tickets ${key}`, key);
    expect(blockText(detail.blocks)).toContain('ACC-77001234');
    expect(detail.ephemeral_for).toBe(ids.associate);
    const unknown = await slashReply('associate', '/pacs tickets PACS-99999', 'No ticket PACS-99999');
    expect(unknown.text).toContain('/pacs tickets mine');
    const nonsense = await slashReply('associate', '/pacs tickets <!here>', 'is not a ticket list');
    expect(nonsense.text).not.toContain('<!here>');
  });

  it('P2: in a channel shared with another organisation, an associate sees the ticket without its accession', async () => {
    await h.api('/api/test/directory', { channel: 'pacs-triage', set: { is_shared: true, is_ext_shared: true } });
    const last = (await messages(h, ids.triage)).at(-1)?.ts;
    await h.api('/api/test/post', { user: 'associate', channel: 'pacs-triage', text: `/pacs tickets ${key}` });
    const detail = await h.ws.waitForMessage({
      channel: ids.triage,
      ephemeralFor: ids.associate,
      textIncludes: key,
      after: last,
    });
    expect(blockText(detail.blocks)).toContain(key);
    expect(blockText(detail.blocks)).not.toMatch(/ACC-77001234|5551234/);
  });
});

describe('App Home with tickets', () => {
  it('P9: shows associates the queue and requesters their own tickets, without identifiers', async () => {
    for (const user of ['associate', 'clinician'] as const) await h.api('/api/test/open-home', { user });
    const home = async (user: string, includes: string) =>
      waitUntil(async () => {
        const view = await h.api<{ blocks: unknown[] } | null>(`/api/test/home?user=${user}`);
        const text = blockText(view?.blocks);
        if (!text.includes(includes)) throw new Error(`home of ${user} lacks ${includes}`);
        return text;
      });
    const associateHome = await home('associate', 'Open queue');
    expect(associateHome).toContain(key);
    const clinicianHome = await home('clinician', 'Your tickets');
    expect(clinicianHome).toContain(key);
    for (const text of [associateHome, clinicianHome]) expect(text).not.toMatch(/5551234|ACC-77001234/);
  });
});
