import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { createZendeskAdapter } from '../../../src/tickets/helpdesk/zendesk.js';
import { basic, ticketInput, zendeskBase, zendeskCredentials, zendeskTicket } from './fixtures.js';

// API token auth: the user part is `{email}/token`.
const auth = basic(`${zendeskCredentials.email}/token`, zendeskCredentials.apiToken);
const zendesk = () =>
  createZendeskAdapter({ baseUrl: zendeskBase, ...zendeskCredentials, fetch: createFetch({ timeoutMs: 5_000 }) });
const ref = { system: 'zendesk' as const, id: '35436', url: `${zendeskBase}/agent/tickets/35436` };

function commentsPage(bodies: string[]) {
  return {
    comments: bodies.map((body, i) => ({
      id: 1_274 + i,
      type: 'Comment',
      author_id: 376_254_811,
      body,
      html_body: `<div class="zd-comment"><p>${body}</p></div>`,
      plain_body: body,
      public: false,
      attachments: [],
      created_at: '2026-03-02T09:20:11Z',
    })),
    next_page: null,
    previous_page: null,
    count: bodies.length,
  };
}

describe('Zendesk adapter', () => {
  it('looks up external_id, then creates the ticket with an Idempotency-Key', async () => {
    let created: unknown;
    const scope = nock(zendeskBase)
      .matchHeader('authorization', auth)
      .get('/api/v2/tickets')
      .query({ external_id: 'PACS-123' })
      .reply(200, { tickets: [], next_page: null, previous_page: null, count: 0 })
      .post('/api/v2/tickets', (body) => {
        created = body;
        return true;
      })
      .matchHeader('idempotency-key', 'pacs-desk-create-PACS-123')
      .reply(201, { ticket: zendeskTicket(35436) }, { 'x-idempotency-lookup': 'miss' });

    expect(await zendesk().create(ticketInput)).toEqual(ref);
    expect(created).toEqual({
      ticket: {
        subject: '[PACS-123] CT study missing from the reading worklist',
        comment: {
          body: `${ticketInput.description}\n\nPACS Desk PACS-123 · category: missing_study · urgency: stat · site: North Campus · requester: Dr Lee`,
        },
        priority: 'urgent',
        external_id: 'PACS-123',
        tags: ['pacs-desk', 'pacs-desk-pacs-123', 'pacs-desk-missing_study'],
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a success whose body is not the documented JSON (e.g. an SSO login page)', async () => {
    nock(zendeskBase)
      .get('/api/v2/tickets')
      .query(true)
      .reply(200, { tickets: [], next_page: null, previous_page: null, count: 0 })
      .post('/api/v2/tickets')
      .reply(200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' });

    await expect(zendesk().create(ticketInput)).rejects.toMatchObject({
      name: 'HelpdeskError',
      retryable: false,
      message: 'Zendesk POST /api/v2/tickets returned an unexpected response body',
    });
  });

  it('returns the oldest ticket with our external_id instead of creating another', async () => {
    const scope = nock(zendeskBase)
      .get('/api/v2/tickets')
      .query({ external_id: 'PACS-123' })
      .reply(200, {
        tickets: [zendeskTicket(35437), zendeskTicket(35436)],
        next_page: null,
        previous_page: null,
        count: 2,
      });

    expect(await zendesk().create(ticketInput)).toEqual(ref);
    expect(scope.isDone()).toBe(true);
  });

  it('adds an internal note with the marker and Idempotency-Key, and skips it once it is there', async () => {
    let updated: unknown;
    const scope = nock(zendeskBase)
      .get('/api/v2/tickets/35436/comments')
      .query({ sort_order: 'desc' })
      .reply(200, commentsPage(['Ticket created']))
      .put('/api/v2/tickets/35436', (body) => {
        updated = body;
        return true;
      })
      .matchHeader('idempotency-key', 'outbox-7')
      .reply(200, { ticket: zendeskTicket(35436, { status: 'open' }), audit: { id: 9001, events: [] } })
      .get('/api/v2/tickets/35436/comments')
      .query(true)
      .reply(200, commentsPage(['Prior import re-queued\n\nDr Lee via PACS Desk [pacs-desk:outbox-7]']));

    const comment = { body: 'Prior import re-queued', author: 'Dr Lee', idempotencyKey: 'outbox-7' };
    await zendesk().addComment(ref, comment);
    await zendesk().addComment(ref, comment);

    expect(updated).toEqual({
      ticket: {
        comment: { body: 'Prior import re-queued\n\nDr Lee via PACS Desk [pacs-desk:outbox-7]', public: false },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('maps waiting on requester to pending and resolved to solved', async () => {
    const statuses: unknown[] = [];
    const scope = nock(zendeskBase)
      .put('/api/v2/tickets/35436', (body) => statuses.push(body) > 0)
      .twice()
      .reply(200, { ticket: zendeskTicket(35436) });

    await zendesk().setStatus(ref, 'waiting_on_requester');
    await zendesk().setStatus(ref, 'resolved');

    expect(statuses).toEqual([{ ticket: { status: 'pending' } }, { ticket: { status: 'solved' } }]);
    expect(scope.isDone()).toBe(true);
  });

  it('adds the status note before closing, since a closed ticket takes no comments', async () => {
    const order: string[] = [];
    const scope = nock(zendeskBase)
      .get('/api/v2/tickets/35436/comments')
      .query(true)
      .reply(200, commentsPage([]))
      .put('/api/v2/tickets/35436', (body) => {
        order.push(JSON.stringify(body));
        return true;
      })
      .twice()
      .reply(200, { ticket: zendeskTicket(35436) });

    await zendesk().setStatus(ref, 'closed', 'Duplicate of PACS-120');

    expect(order[0]).toContain('Duplicate of PACS-120');
    expect(JSON.parse(order[1] ?? '{}')).toEqual({ ticket: { status: 'closed' } });
    expect(scope.isDone()).toBe(true);
  });
});
