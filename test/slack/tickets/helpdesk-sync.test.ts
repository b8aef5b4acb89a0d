import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { cliJson, ids, messages, submitTicket } from './ticket-helpers.js';

const zendesk = 'https://hospital.zendesk.test';
let h: DeskHarness;

beforeAll(async () => {
  h = await startDesk({
    HELPDESK: 'zendesk',
    ZENDESK_URL: zendesk,
    ZENDESK_EMAIL: 'pacs-bot@hospital.test',
    ZENDESK_API_TOKEN: 'zd-secret-token',
    HELPDESK_SYNC_SECONDS: '1',
  });
});
afterAll(() => h.stop());

describe('tickets mirrored to Zendesk (nock, documented shapes)', () => {
  it('pushes a ticket opened in Slack to the helpdesk once, without patient identifiers', async () => {
    const sent: unknown[] = [];
    const scope = nock(zendesk)
      .get('/api/v2/tickets')
      .query(true)
      .reply(200, { tickets: [], next_page: null, previous_page: null, count: 0 })
      .post('/api/v2/tickets', (body) => {
        sent.push(body);
        return true;
      })
      .reply(201, {
        ticket: {
          id: 4242,
          url: `${zendesk}/api/v2/tickets/4242.json`,
          external_id: 'PACS-1',
          status: 'new',
          priority: 'urgent',
          subject: 's',
        },
      });

    await h.api('/api/test/shortcut', { user: 'clinician', callback_id: 'pacs_new_ticket' });
    const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
    await submitTicket(h, 'clinician', view.id, {
      summary: 'CT for John Smith MRN 8889999 missing',
      description: 'DOB 02/03/1950, accession CT24-5550001',
      category: 'missing_study',
      urgency: 'stat',
      accession: 'CT24-5550001',
    });

    await waitUntil(() => expect(scope.isDone()).toBe(true), { timeout: 8000, interval: 50 });
    const payload = JSON.stringify(sent[0]);
    expect(payload).toContain('PACS-1');
    for (const phi of ['John Smith', '8889999', '02/03/1950', 'CT24-5550001']) expect(payload).not.toContain(phi);
    const detail = await waitUntil(async () => {
      const d = await cliJson<{ ticket: { external?: { id: string } } }>(h, 'tickets', 'show', 'PACS-1');
      expect(d.ticket.external?.id).toBe('4242');
      return d;
    });
    expect(detail.ticket.external?.id).toBe('4242');
    expect(h.logs()).not.toContain('zd-secret-token');
  });

  it('R4: a change the helpdesk refuses is dead-lettered, announced in the triage channel without PHI, and redriven by the CLI', async () => {
    const rejected = nock(zendesk)
      .get('/api/v2/tickets')
      .query(true)
      .reply(200, { tickets: [], next_page: null, previous_page: null, count: 0 })
      .post('/api/v2/tickets')
      .reply(422, { error: 'RecordInvalid', description: 'Record validation errors' });
    await h.api('/api/test/shortcut', { user: 'clinician', callback_id: 'pacs_new_ticket' });
    const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
    await submitTicket(h, 'clinician', view.id, {
      summary: 'MR for Jane Roe MRN 7771234 will not open',
      description: 'Viewer spins forever',
      category: 'viewer_access',
      urgency: 'routine',
    });
    const alert = await waitUntil(
      async () => {
        const found = (await messages(h, ids.triage)).find((m) => m.text.includes('gave up'));
        if (!found) throw new Error('no dead-letter alert yet');
        return found;
      },
      { timeout: 8000, interval: 50 },
    );
    expect(rejected.isDone()).toBe(true);
    expect(alert.text).toMatch(/zendesk sync gave up on the create of PACS-\d+ \(HTTP 422\)/);
    expect(alert.text).toContain('pacs-desk tickets redrive');
    for (const phi of ['Jane Roe', '7771234']) expect(JSON.stringify(alert)).not.toContain(phi);
    expect(await cliJson<{ requeued: number }>(h, 'tickets', 'redrive')).toEqual({ requeued: 1 });
    expect(await cliJson<{ requeued: number }>(h, 'tickets', 'redrive')).toEqual({ requeued: 0 });
  });
});
