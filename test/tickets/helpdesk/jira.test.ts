import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { createJiraAdapter } from '../../../src/tickets/helpdesk/jira.js';
import { HelpdeskError } from '../../../src/tickets/helpdesk/types.js';
import { basic, jiraBase, jiraComment, jiraCredentials, jiraIssue, ticketInput } from './fixtures.js';

const auth = basic(jiraCredentials.email, jiraCredentials.apiToken);
const jira = () =>
  createJiraAdapter({
    baseUrl: `${jiraBase}/`,
    ...jiraCredentials,
    projectKey: 'OPS',
    fetch: createFetch({ timeoutMs: 5_000 }),
  });
const ref = { system: 'jira' as const, id: 'OPS-42', url: `${jiraBase}/browse/OPS-42` };

describe('Jira adapter', () => {
  it('searches by the correlation label, then creates the issue with ADF, labels and priority', async () => {
    const bodies: unknown[] = [];
    const scope = nock(jiraBase)
      .matchHeader('authorization', auth)
      .post('/rest/api/3/search/jql', (body) => bodies.push(body) > 0)
      .reply(200, { issues: [], isLast: true })
      .post('/rest/api/3/issue', (body) => bodies.push(body) > 0)
      .reply(201, { id: '10042', key: 'OPS-42', self: `${jiraBase}/rest/api/3/issue/10042` });

    const created = await jira().create(ticketInput);

    expect(created).toEqual(ref);
    expect(bodies[0]).toEqual({
      jql: 'project = "OPS" AND labels = "pacs-desk-PACS-123" ORDER BY created ASC',
      fields: ['summary'],
      maxResults: 1,
    });
    expect(bodies[1]).toEqual({
      fields: {
        project: { key: 'OPS' },
        issuetype: { name: 'Task' },
        summary: '[PACS-123] CT study missing from the reading worklist',
        description: {
          type: 'doc',
          version: 1,
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: ticketInput.description }] },
            {
              type: 'paragraph',
              content: [
                {
                  type: 'text',
                  text: 'PACS Desk PACS-123 · category: missing_study · urgency: stat · site: North Campus · requester: Dr Lee',
                },
              ],
            },
          ],
        },
        labels: ['pacs-desk', 'pacs-desk-PACS-123', 'pacs-desk-missing_study'],
        priority: { name: 'Highest' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('returns the existing issue without creating one when the search finds it (crash after commit)', async () => {
    const scope = nock(jiraBase)
      .post('/rest/api/3/search/jql')
      .reply(200, { issues: [jiraIssue('OPS-42', '10042')], isLast: true });

    expect(await jira().create(ticketInput)).toEqual(ref);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('posts a comment carrying the idempotency marker, and skips it when the marker is already there', async () => {
    let posted: unknown;
    const scope = nock(jiraBase)
      .get('/rest/api/3/issue/OPS-42/comment')
      .query({ orderBy: '-created', maxResults: '100' })
      .reply(200, { startAt: 0, maxResults: 100, total: 1, comments: [jiraComment('10100', 'Earlier note')] })
      .post('/rest/api/3/issue/OPS-42/comment', (body) => {
        posted = body;
        return true;
      })
      .reply(201, jiraComment('10101', 'Prior import re-queued'))
      .get('/rest/api/3/issue/OPS-42/comment')
      .query(true)
      .reply(200, {
        startAt: 0,
        maxResults: 100,
        total: 1,
        comments: [jiraComment('10101', 'Dr Lee via PACS Desk [pacs-desk:outbox-7]')],
      });

    const comment = { body: 'Prior import re-queued', author: 'Dr Lee', idempotencyKey: 'outbox-7' };
    await jira().addComment(ref, comment);
    await jira().addComment(ref, comment);

    expect(posted).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Prior import re-queued' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Dr Lee via PACS Desk [pacs-desk:outbox-7]' }] },
        ],
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('moves the issue through the transition whose target status matches the mapping', async () => {
    let transition: unknown;
    const scope = nock(jiraBase)
      .get('/rest/api/3/issue/OPS-42/transitions')
      .reply(200, {
        expand: 'transitions',
        transitions: [
          { id: '11', name: 'Start progress', to: { id: '3', name: 'In Progress' }, hasScreen: false },
          { id: '31', name: 'Resolve this issue', to: { id: '10001', name: 'Done' }, hasScreen: false },
        ],
      })
      .post('/rest/api/3/issue/OPS-42/transitions', (body) => {
        transition = body;
        return true;
      })
      .reply(204);

    await jira().setStatus(ref, 'resolved');

    expect(transition).toEqual({ transition: { id: '31' } });
    expect(scope.isDone()).toBe(true);
  });

  it('treats a status the issue already has as done, and adds the note once', async () => {
    const scope = nock(jiraBase)
      .get('/rest/api/3/issue/OPS-42/transitions')
      .reply(200, { transitions: [{ id: '21', name: 'Reopen', to: { id: '1', name: 'To Do' } }] })
      .get('/rest/api/3/issue/OPS-42')
      .query({ fields: 'status' })
      .reply(200, { id: '10042', key: 'OPS-42', fields: { status: { id: '10001', name: 'Done' } } })
      .get('/rest/api/3/issue/OPS-42/comment')
      .query(true)
      .reply(200, { startAt: 0, maxResults: 100, total: 0, comments: [] })
      .post('/rest/api/3/issue/OPS-42/comment', (body) => JSON.stringify(body).includes('[pacs-desk:status-resolved-'))
      .reply(201, jiraComment('10102', 'Resent'));

    await jira().setStatus(ref, 'resolved', 'Study re-sent from CT2');

    expect(scope.isDone()).toBe(true);
  });

  it('fails without retry when no transition leads to the mapped status', async () => {
    nock(jiraBase)
      .get('/rest/api/3/issue/OPS-42/transitions')
      .reply(200, { transitions: [] })
      .get('/rest/api/3/issue/OPS-42')
      .query(true)
      .reply(200, { fields: { status: { name: 'To Do' } } });

    const error = await jira()
      .setStatus(ref, 'in_progress')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HelpdeskError);
    expect(error).toMatchObject({ retryable: false });
  });

  it('does not echo the description when Jira quotes it back in a 400', async () => {
    nock(jiraBase)
      .post('/rest/api/3/search/jql')
      .reply(200, { issues: [], isLast: true })
      .post('/rest/api/3/issue')
      .reply(400, { errorMessages: [], errors: { description: `Field too long: ${ticketInput.description}` } });

    const error = (await jira()
      .create(ticketInput)
      .catch((e: unknown) => e)) as HelpdeskError;

    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect(error.message).toContain('HTTP 400: description: Field too long: [redacted]');
    expect(error.message).not.toContain('CT2');
  });
});
