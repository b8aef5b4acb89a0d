import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../src/core/http.js';
import { createFetch } from '../../../src/core/http.js';
import { createHelpdeskAdapter } from '../../../src/tickets/helpdesk/create-helpdesk-adapter.js';
import { parseRetryAfter } from '../../../src/tickets/helpdesk/http.js';
import { type HelpdeskAdapter, HelpdeskError } from '../../../src/tickets/helpdesk/types.js';
import {
  jiraBase,
  jiraCredentials,
  serviceNowBase,
  serviceNowCredentials,
  ticketInput,
  zendeskBase,
  zendeskCredentials,
} from './fixtures.js';

interface Vendor {
  name: string;
  adapter: (fetch: FetchLike) => HelpdeskAdapter;
  /** The first call `create` makes: the lookup by our key. */
  lookup: () => nock.Interceptor;
  /** The vendor's documented body for a rejected login, and the text we expect to surface. */
  unauthorized: { body: nock.Body; text: string };
  secrets: string[];
}

const vendors: Vendor[] = [
  {
    name: 'Jira',
    adapter: (fetch) =>
      createHelpdeskAdapter({ system: 'jira', baseUrl: jiraBase, ...jiraCredentials, projectKey: 'OPS' }, fetch)!,
    lookup: () => nock(jiraBase).post('/rest/api/3/search/jql'),
    unauthorized: {
      body: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} },
      text: 'Client must be authenticated to access this resource.',
    },
    secrets: [jiraCredentials.apiToken],
  },
  {
    name: 'ServiceNow',
    adapter: (fetch) =>
      createHelpdeskAdapter({ system: 'servicenow', baseUrl: serviceNowBase, ...serviceNowCredentials }, fetch)!,
    lookup: () => nock(serviceNowBase).get('/api/now/table/incident').query(true),
    unauthorized: {
      body: {
        error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
        status: 'failure',
      },
      text: 'User Not Authenticated — Required to provide Auth information',
    },
    secrets: [serviceNowCredentials.password],
  },
  {
    name: 'Zendesk',
    adapter: (fetch) =>
      createHelpdeskAdapter({ system: 'zendesk', baseUrl: zendeskBase, ...zendeskCredentials }, fetch)!,
    lookup: () => nock(zendeskBase).get('/api/v2/tickets').query(true),
    unauthorized: { body: { error: "Couldn't authenticate you" }, text: "Couldn't authenticate you" },
    secrets: [zendeskCredentials.apiToken],
  },
];

const fetch = createFetch({ timeoutMs: 5_000 });

async function createError(adapter: HelpdeskAdapter): Promise<HelpdeskError> {
  const error = await adapter.create(ticketInput).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HelpdeskError);
  expect(nock.isDone()).toBe(true);
  return error as HelpdeskError;
}

describe.each(vendors)('$name failures', (vendor) => {
  it('turns 429 with Retry-After into a retryable error carrying the wait', async () => {
    vendor.lookup().reply(429, { message: 'Rate limit exceeded' }, { 'retry-after': '30' });

    const error = await createError(vendor.adapter(fetch));

    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterSeconds: 30 });
    expect(error.message).toContain('HTTP 429');
  });

  it('retries a 503', async () => {
    vendor.lookup().reply(503, '<html><body>Service Unavailable</body></html>', { 'content-type': 'text/html' });

    const error = await createError(vendor.adapter(fetch));

    expect(error).toMatchObject({ retryable: true, status: 503, retryAfterSeconds: undefined });
    expect(error.message).not.toContain('<html>');
  });

  it('does not retry a 401, and names the status and vendor text but no credential', async () => {
    vendor.lookup().reply(401, vendor.unauthorized.body);

    const error = await createError(vendor.adapter(fetch));

    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toContain(`${vendor.name} `);
    expect(error.message).toContain(`HTTP 401: ${vendor.unauthorized.text}`);
    const leaked = [...vendor.secrets, ticketInput.description].filter((s) => error.message.includes(s));
    expect(leaked).toEqual([]);
    expect(error.message).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
  });

  it('retries a network error', async () => {
    vendor.lookup().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });

    const error = await createError(vendor.adapter(fetch));

    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toContain('network error');
  });

  it('retries a timeout of the shared fetch', async () => {
    vendor.lookup().delay(500).reply(200, {});

    const error = await createError(vendor.adapter(createFetch({ timeoutMs: 50 })));

    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toContain('network error (TimeoutError)');
  });
});

describe('createHelpdeskAdapter', () => {
  it('returns no adapter when no helpdesk is configured', () => {
    expect(createHelpdeskAdapter({ system: 'none' }, fetch)).toBeUndefined();
  });

  it('builds the configured system', () => {
    expect(vendors.map((v) => v.adapter(fetch).system)).toEqual(['jira', 'servicenow', 'zendesk']);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
