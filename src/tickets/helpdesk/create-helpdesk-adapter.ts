import type { FetchLike } from '../../core/http.js';
import { createJiraAdapter, type JiraAdapterOptions } from './jira.js';
import { createServiceNowAdapter, type ServiceNowAdapterOptions } from './servicenow.js';
import type { HelpdeskAdapter } from './types.js';
import { createZendeskAdapter, type ZendeskAdapterOptions } from './zendesk.js';

type Settings<T> = Omit<T, 'fetch'>;

/** Which helpdesk to sync with, and its settings; `none` keeps tickets in PACS Desk only. */
export type HelpdeskConfig =
  | { system: 'none' }
  | ({ system: 'jira' } & Settings<JiraAdapterOptions>)
  | ({ system: 'servicenow' } & Settings<ServiceNowAdapterOptions>)
  | ({ system: 'zendesk' } & Settings<ZendeskAdapterOptions>);

/**
 * The configured helpdesk adapter, built on the process's shared fetch, or undefined for `none`.
 * @example
 * const helpdesk = createHelpdeskAdapter({ system: 'zendesk', baseUrl, email, apiToken }, fetch);
 */
export function createHelpdeskAdapter(config: HelpdeskConfig, fetch: FetchLike): HelpdeskAdapter | undefined {
  switch (config.system) {
    case 'none':
      return undefined;
    case 'jira':
      return createJiraAdapter({ ...withoutSystem(config), fetch });
    case 'servicenow':
      return createServiceNowAdapter({ ...withoutSystem(config), fetch });
    case 'zendesk':
      return createZendeskAdapter({ ...withoutSystem(config), fetch });
  }
}

function withoutSystem<T extends { system: string }>(config: T): Omit<T, 'system'> {
  const { system: _system, ...rest } = config;
  return rest;
}
