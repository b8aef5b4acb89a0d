import type { ExternalTicketInput } from '../../../src/tickets/helpdesk/types.js';

/** Synthetic ticket as the outbox sends it: no patient identifiers. */
export const ticketInput: ExternalTicketInput = {
  key: 'PACS-123',
  summary: 'CT study missing from the reading worklist',
  description: 'Study sent from CT2 at 09:14 shows as sent on the modality but is not on the PACS worklist.',
  category: 'missing_study',
  urgency: 'stat',
  site: 'North Campus',
  requester: { slackId: 'U0123ABCD', name: 'Dr Lee' },
};

export const jiraBase = 'https://pacs-desk-test.atlassian.net';
export const serviceNowBase = 'https://pacsdesktest.service-now.com';
export const zendeskBase = 'https://pacsdesktest.zendesk.com';

export const jiraCredentials = { email: 'pacs-bot@hospital.example', apiToken: 'ATATT3xFfGF0jira-secret-token' };
export const serviceNowCredentials = { user: 'pacs.desk.integration', password: 'sn-Secret-Passw0rd!' };
export const zendeskCredentials = { email: 'pacs-bot@hospital.example', apiToken: 'zd-6wiIBWbGkBMo1mRDMuVwkw1EPsNk' };

export function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

/** Jira Cloud issue as returned inside search results. */
export function jiraIssue(key: string, id: string) {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id,
    self: `${jiraBase}/rest/api/3/issue/${id}`,
    key,
    fields: { summary: '[PACS-123] CT study missing from the reading worklist' },
  };
}

/** A Jira Cloud comment with an ADF body holding `text`. */
export function jiraComment(id: string, text: string) {
  return {
    self: `${jiraBase}/rest/api/3/issue/10042/comment/${id}`,
    id,
    author: { accountId: '5b10a2844c20165700ede21g', displayName: 'PACS Desk', active: true },
    body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    created: '2026-03-02T09:20:11.000+0000',
    updated: '2026-03-02T09:20:11.000+0000',
    jsdPublic: true,
  };
}

/** ServiceNow incident fields as the Table API returns them (actual values). */
export const serviceNowIncident = {
  sys_id: '9d385017c611228701d22104cc95c371',
  number: 'INC0010023',
};

/** Zendesk ticket as returned by the Tickets API. */
export function zendeskTicket(id: number, extra: Record<string, unknown> = {}) {
  return {
    url: `${zendeskBase}/api/v2/tickets/${id}.json`,
    id,
    external_id: 'PACS-123',
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: '2026-03-02T09:20:11Z',
    updated_at: '2026-03-02T09:20:11Z',
    type: null,
    subject: '[PACS-123] CT study missing from the reading worklist',
    priority: 'urgent',
    status: 'new',
    requester_id: 376_254_811,
    submitter_id: 376_254_811,
    assignee_id: null,
    group_id: null,
    tags: ['pacs-desk', 'pacs-desk-pacs-123', 'pacs-desk-missing_study'],
    ...extra,
  };
}
