import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { forgedViewSubmission } from '../roles/signed-requests.js';
import { cardFor, cliJson, ids, messages, submitTicket } from './ticket-helpers.js';

let clock = Date.now();
let h: DeskHarness;
let key = '';
let cardTs = '';
const ttlSeconds = 20;

interface Detail {
  ticket: { status: string };
  timeline: { kind: string; body?: string; actorId: string }[];
}
const detail = () => cliJson<Detail>(h, 'tickets', 'show', key);
const note = (value: string) => ({ note: { value: { type: 'plain_text_input', value } } });

beforeAll(async () => {
  h = await startDesk({ ROLE_CACHE_SECONDS: String(ttlSeconds) }, {}, { now: () => clock });
  await h.api('/api/test/shortcut', { user: 'clinician', callback_id: 'pacs_new_ticket' });
  const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
  await submitTicket(h, 'clinician', view.id, {
    summary: 'Worklist empty on reading room 3',
    category: 'other',
    urgency: 'routine',
  });
  const dm = await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: 'PACS-' });
  key = /PACS-\d+/.exec(dm.text)?.[0] ?? '';
  cardTs = (await cardFor(h, key)).ts;
});
afterAll(() => h.stop());
beforeEach(async () => {
  await h.api('/api/test/directory', { reset: true });
  clock += (ttlSeconds + 1) * 1000;
});

describe('ticket changes re-check the role when they happen', () => {
  it('A2/item 5: a forged Resolve submission by a clinician gets a modal error; nothing changes, nobody is told', async () => {
    const dmsBefore = (await messages(h, 'D0CLINIC1')).length;
    const { status, ack } = await forgedViewSubmission(
      h,
      ids.clinician,
      'ticket_resolve',
      JSON.stringify({ key }),
      note('closing my own ticket'),
    );
    expect(status).toBe(200);
    expect(ack).toMatchObject({ response_action: 'errors', errors: { note: expect.stringMatching(/associates/) } });
    const d = await detail();
    expect(d.ticket.status).toBe('new');
    expect(d.timeline.some((e) => e.body === 'closing my own ticket')).toBe(false);
    expect((await messages(h, 'D0CLINIC1')).length).toBe(dmsBefore);
  });

  it('A2/item 5: a forged Ask-requester submission by a clinician gets a modal error; no status change, no DM', async () => {
    const dmsBefore = (await messages(h, 'D0CLINIC1')).length;
    const { ack } = await forgedViewSubmission(
      h,
      ids.clinician,
      'ticket_ask_requester',
      JSON.stringify({ key }),
      note('send me your password'),
    );
    expect(ack).toMatchObject({ response_action: 'errors', errors: { note: expect.stringMatching(/associates/) } });
    expect((await detail()).ticket.status).toBe('new');
    expect((await messages(h, 'D0CLINIC1')).length).toBe(dmsBefore);
  });

  it('A3/item 5: an associate removed from the group after opening Resolve cannot submit it once the TTL has passed', async () => {
    await h.api('/api/test/click', { user: 'associate', channel: ids.triage, ts: cardTs, action_id: 'triage_resolve' });
    const view = await h.ws.waitForView({ user: ids.associate, callback_id: 'ticket_resolve' });
    await h.api('/api/test/directory', { usergroup: 'pacs-associates', users: ['admin'] });
    clock += (ttlSeconds + 1) * 1000;
    const refused = await h.api('/api/test/submit', { user: 'associate', view_id: view.id, values: note('done') });
    expect(refused).toMatchObject({ response_action: 'errors', errors: { note: expect.stringMatching(/associates/) } });
    expect((await detail()).ticket.status).toBe('new');
    // Back in the group: the same modal now resolves the ticket (the refusal was the role, nothing else).
    await h.api('/api/test/directory', { reset: true });
    clock += (ttlSeconds + 1) * 1000;
    expect(await h.api('/api/test/submit', { user: 'associate', view_id: view.id, values: note('done') })).toEqual({});
    await waitUntil(async () => expect((await detail()).ticket.status).toBe('resolved'));
  });
});

describe('card-thread replies', () => {
  it('item 5: a clinician replying in a card thread adds no internal note and is told privately', async () => {
    await h.api('/api/test/post', {
      user: 'clinician',
      channel: 'pacs-triage',
      thread_ts: cardTs,
      text: 'any update on this?',
    });
    const hint = await h.ws.waitForMessage({
      channel: ids.triage,
      ephemeralFor: ids.clinician,
      textIncludes: 'was not added',
    });
    expect(hint.thread_ts).toBe(cardTs);
    expect((await detail()).timeline.some((e) => e.body === 'any update on this?')).toBe(false);
  });

  it('item 5: an associate replying in a card thread adds an internal note', async () => {
    await h.api('/api/test/post', {
      user: 'associate',
      channel: 'pacs-triage',
      thread_ts: cardTs,
      text: 'checked the worklist broker',
    });
    await waitUntil(async () =>
      expect((await detail()).timeline.some((e) => e.body === 'checked the worklist broker')).toBe(true),
    );
  });
});
