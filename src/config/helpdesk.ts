import { z } from 'zod';
import type { HelpdeskConfig } from '../tickets/helpdesk/create-helpdesk-adapter.js';
import { bool, type Fixes, int, text } from './fields.js';

const systems = ['none', 'jira', 'servicenow', 'zendesk'] as const;

/** The external helpdesk tickets are mirrored to, and each system's account. */
export const helpdeskSchema = z.object({
  HELPDESK: text
    .transform((v) => (v ?? 'none').toLowerCase())
    .pipe(z.enum(systems, { error: (issue) => `"${String(issue.input)}" is not a helpdesk` })),
  HELPDESK_SYNC_SECONDS: int(15, 1, 3600),
  JIRA_URL: text,
  JIRA_EMAIL: text,
  JIRA_API_TOKEN: text,
  JIRA_PROJECT_KEY: text,
  JIRA_ISSUE_TYPE: text,
  SERVICENOW_URL: text,
  SERVICENOW_USER: text,
  SERVICENOW_PASSWORD: text,
  SERVICENOW_ASSIGNMENT_GROUP: text,
  SERVICENOW_COMMENT_FIELD: text,
  ZENDESK_URL: text,
  ZENDESK_EMAIL: text,
  ZENDESK_API_TOKEN: text,
  ZENDESK_GROUP_ID: text,
  ZENDESK_PUBLIC_COMMENTS: bool(false),
});
type HelpdeskEnv = z.infer<typeof helpdeskSchema>;

export const helpdeskFixes = {
  HELPDESK: `use one of ${systems.join(', ')}`,
} satisfies Fixes<HelpdeskEnv>;

/** Each helpdesk's required variables, with what to set each to when it is missing. */
const required = {
  jira: [
    ['JIRA_URL', 'your Jira Cloud site, e.g. https://hospital.atlassian.net'],
    ['JIRA_EMAIL', 'the e-mail of the Jira account the bot acts as'],
    ['JIRA_API_TOKEN', 'an API token of that account (id.atlassian.com → Security → API tokens)'],
    ['JIRA_PROJECT_KEY', 'the project key tickets go to, e.g. OPS'],
  ],
  servicenow: [
    ['SERVICENOW_URL', 'your instance, e.g. https://hospital.service-now.com'],
    ['SERVICENOW_USER', 'an integration user with the itil role'],
    ['SERVICENOW_PASSWORD', "that user's password"],
  ],
  zendesk: [
    ['ZENDESK_URL', 'your Zendesk, e.g. https://hospital.zendesk.com'],
    ['ZENDESK_EMAIL', 'the e-mail of the agent the bot acts as'],
    ['ZENDESK_API_TOKEN', 'an API token (Admin Center → Apps and integrations → Zendesk API)'],
  ],
} as const satisfies Record<
  Exclude<HelpdeskEnv['HELPDESK'], 'none'>,
  ReadonlyArray<readonly [keyof HelpdeskEnv, string]>
>;

/** External helpdesk to mirror tickets to (`none`: PACS Desk is the only record). */
export type HelpdeskSection = HelpdeskConfig & { syncSeconds: number };

/** Only the chosen system's variables are checked: each required one is set (URLs as http(s)). */
export function toHelpdesk(e: HelpdeskEnv, problems: string[]): HelpdeskSection {
  const system = e.HELPDESK;
  const syncSeconds = e.HELPDESK_SYNC_SECONDS;
  if (system === 'none') return { system, syncSeconds };
  for (const [name, fix] of required[system]) {
    const value = e[name];
    if (!value) problems.push(`${name}: required with HELPDESK=${system} — fix: set it to ${fix}`);
    else if (name.endsWith('_URL') && !/^https?:\/\//.test(value))
      problems.push(`${name}: not an http(s) URL — fix: set it to ${fix}`);
  }
  if (system === 'jira') {
    return {
      system,
      syncSeconds,
      baseUrl: e.JIRA_URL ?? '',
      email: e.JIRA_EMAIL ?? '',
      apiToken: e.JIRA_API_TOKEN ?? '',
      projectKey: e.JIRA_PROJECT_KEY ?? '',
      issueType: e.JIRA_ISSUE_TYPE,
    };
  }
  if (system === 'servicenow') {
    const commentField = e.SERVICENOW_COMMENT_FIELD;
    if (commentField && commentField !== 'work_notes' && commentField !== 'comments') {
      problems.push('SERVICENOW_COMMENT_FIELD: fix: use work_notes (internal) or comments (customer-visible)');
    }
    return {
      system,
      syncSeconds,
      baseUrl: e.SERVICENOW_URL ?? '',
      user: e.SERVICENOW_USER ?? '',
      password: e.SERVICENOW_PASSWORD ?? '',
      assignmentGroup: e.SERVICENOW_ASSIGNMENT_GROUP,
      commentField: commentField === 'comments' ? 'comments' : 'work_notes',
    };
  }
  const group = e.ZENDESK_GROUP_ID;
  if (group && !/^\d+$/.test(group)) problems.push('ZENDESK_GROUP_ID: fix: use the numeric group id');
  return {
    system,
    syncSeconds,
    baseUrl: e.ZENDESK_URL ?? '',
    email: e.ZENDESK_EMAIL ?? '',
    apiToken: e.ZENDESK_API_TOKEN ?? '',
    groupId: group ? Number(group) : undefined,
    publicComments: e.ZENDESK_PUBLIC_COMMENTS,
  };
}
