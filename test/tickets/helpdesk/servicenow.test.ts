import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { createServiceNowAdapter } from '../../../src/tickets/helpdesk/servicenow.js';
import { basic, serviceNowBase, serviceNowCredentials, serviceNowIncident, ticketInput } from './fixtures.js';

const auth = basic(serviceNowCredentials.user, serviceNowCredentials.password);
const snow = (extra: { assignmentGroup?: string; commentField?: 'comments' | 'work_notes' } = {}) =>
  createServiceNowAdapter({
    baseUrl: serviceNowBase,
    ...serviceNowCredentials,
    ...extra,
    fetch: createFetch({ timeoutMs: 5_000 }),
  });
const sysId = serviceNowIncident.sys_id;
const ref = { system: 'servicenow' as const, id: sysId, url: `${serviceNowBase}/incident.do?sys_id=${sysId}` };
const incidentPath = `/api/now/table/incident/${sysId}`;

describe('ServiceNow adapter', () => {
  it('looks the key up in correlation_id, then creates the incident with mapped urgency and impact', async () => {
    let created: unknown;
    const scope = nock(serviceNowBase)
      .matchHeader('authorization', auth)
      .matchHeader('accept', 'application/json')
      .get('/api/now/table/incident')
      .query({ sysparm_query: 'correlation_id=PACS-123', sysparm_limit: '1', sysparm_fields: 'sys_id,number' })
      .reply(200, { result: [] })
      .post('/api/now/table/incident', (body) => {
        created = body;
        return true;
      })
      .query({ sysparm_fields: 'sys_id,number' })
      .reply(201, { result: serviceNowIncident });

    expect(await snow({ assignmentGroup: '8a4dde73c6112278017a6a4baf547aa7' }).create(ticketInput)).toEqual(ref);
    expect(created).toEqual({
      short_description: '[PACS-123] CT study missing from the reading worklist',
      description: `${ticketInput.description}\n\nPACS Desk PACS-123 · category: missing_study · urgency: stat · site: North Campus · requester: Dr Lee`,
      correlation_id: 'PACS-123',
      correlation_display: 'PACS Desk',
      urgency: '1',
      impact: '1',
      assignment_group: '8a4dde73c6112278017a6a4baf547aa7',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('returns the incident already carrying our correlation_id instead of creating another', async () => {
    const scope = nock(serviceNowBase)
      .get('/api/now/table/incident')
      .query(true)
      .reply(200, { result: [serviceNowIncident] });

    expect(await snow().create(ticketInput)).toEqual(ref);
    expect(scope.isDone()).toBe(true);
  });

  it('adds a work note with the marker once: a retry finds it in the journal and does nothing', async () => {
    let patched: unknown;
    const scope = nock(serviceNowBase)
      .get(incidentPath)
      .query({ sysparm_fields: 'work_notes', sysparm_display_value: 'true' })
      .reply(200, { result: { work_notes: '' } })
      .patch(incidentPath, (body) => {
        patched = body;
        return true;
      })
      .query({ sysparm_fields: 'sys_id' })
      .reply(200, { result: { sys_id: sysId } })
      .get(incidentPath)
      .query(true)
      .reply(200, {
        result: {
          work_notes:
            '2026-03-02 09:20:11 - PACS Desk Integration (Work notes)\nPrior import re-queued\n\nDr Lee via PACS Desk [pacs-desk:outbox-7]\n\n',
        },
      });

    const comment = { body: 'Prior import re-queued', author: 'Dr Lee', idempotencyKey: 'outbox-7' };
    await snow().addComment(ref, comment);
    await snow().addComment(ref, comment);

    expect(patched).toEqual({ work_notes: 'Prior import re-queued\n\nDr Lee via PACS Desk [pacs-desk:outbox-7]' });
    expect(scope.isDone()).toBe(true);
  });

  it('resolves with state 6, close code and close notes', async () => {
    let patched: unknown;
    const scope = nock(serviceNowBase)
      .patch(incidentPath, (body) => {
        patched = body;
        return true;
      })
      .query(true)
      .reply(200, { result: { sys_id: sysId, state: '6' } });

    await snow().setStatus(ref, 'resolved', 'Study re-sent from CT2');

    expect(patched).toEqual({ state: '6', close_code: 'Solution provided', close_notes: 'Study re-sent from CT2' });
    expect(scope.isDone()).toBe(true);
  });

  it('puts the incident on hold awaiting the caller and tells the caller why in a visible comment', async () => {
    const bodies: unknown[] = [];
    const scope = nock(serviceNowBase)
      .patch(incidentPath, (body) => bodies.push(body) > 0)
      .query(true)
      .reply(200, { result: { sys_id: sysId, state: '3' } })
      .get(incidentPath)
      .query({ sysparm_fields: 'comments', sysparm_display_value: 'true' })
      .reply(200, { result: { comments: '' } })
      .patch(incidentPath, (body) => bodies.push(body) > 0)
      .query(true)
      .reply(200, { result: { sys_id: sysId } });

    await snow().setStatus(ref, 'waiting_on_requester', 'Which workstation shows the error?');

    expect(bodies[0]).toEqual({ state: '3', hold_reason: '1' });
    expect(bodies[1]).toEqual({
      comments: expect.stringMatching(/^Which workstation shows the error\?\n\nPACS Desk \[pacs-desk:status-/),
    });
    expect(scope.isDone()).toBe(true);
  });
});
