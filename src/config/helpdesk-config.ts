import type { HelpdeskConfig } from '../tickets/helpdesk/create-helpdesk-adapter.js';

/** Each helpdesk's required variables, with the fix shown when one is missing. */
const required = {
  jira: {
    JIRA_URL: 'your Jira Cloud site, e.g. https://hospital.atlassian.net',
    JIRA_EMAIL: 'the e-mail of the Jira account the bot acts as',
    JIRA_API_TOKEN: 'an API token of that account (id.atlassian.com → Security → API tokens)',
    JIRA_PROJECT_KEY: 'the project key tickets go to, e.g. OPS',
  },
  servicenow: {
    SERVICENOW_URL: 'your instance, e.g. https://hospital.service-now.com',
    SERVICENOW_USER: 'an integration user with the itil role',
    SERVICENOW_PASSWORD: "that user's password",
  },
  zendesk: {
    ZENDESK_URL: 'your Zendesk, e.g. https://hospital.zendesk.com',
    ZENDESK_EMAIL: 'the e-mail of the agent the bot acts as',
    ZENDESK_API_TOKEN: 'an API token (Admin Center → Apps and integrations → Zendesk API)',
  },
} as const;

const systems = ['none', 'jira', 'servicenow', 'zendesk'] as const;

/** Reads HELPDESK and its settings from `env`; appends each problem (with its fix) to `problems`. */
export function readHelpdeskConfig(env: NodeJS.ProcessEnv, problems: string[]): HelpdeskConfig {
  const system = (env.HELPDESK?.trim() || 'none').toLowerCase();
  if (!(systems as readonly string[]).includes(system)) {
    problems.push(`HELPDESK: "${system}" is not a helpdesk — fix: use one of ${systems.join(', ')}`);
    return { system: 'none' };
  }
  if (system === 'none') return { system: 'none' };
  const need = required[system as keyof typeof required];
  const value = (name: string) => env[name]?.trim() || undefined;
  for (const [name, fix] of Object.entries(need)) {
    if (!value(name)) problems.push(`${name}: required with HELPDESK=${system} — fix: set it to ${fix}`);
    else if (name.endsWith('_URL') && !/^https?:\/\//.test(value(name) ?? ''))
      problems.push(`${name}: not an http(s) URL — fix: set it to ${fix}`);
  }
  const v = (name: string) => value(name) ?? '';
  const group = value('ZENDESK_GROUP_ID');
  if (system === 'zendesk' && group && !/^\d+$/.test(group))
    problems.push('ZENDESK_GROUP_ID: fix: use the numeric group id');
  if (system === 'jira') {
    return {
      system,
      baseUrl: v('JIRA_URL'),
      email: v('JIRA_EMAIL'),
      apiToken: v('JIRA_API_TOKEN'),
      projectKey: v('JIRA_PROJECT_KEY'),
      issueType: value('JIRA_ISSUE_TYPE'),
    };
  }
  if (system === 'servicenow') {
    const commentField = value('SERVICENOW_COMMENT_FIELD');
    if (commentField && commentField !== 'work_notes' && commentField !== 'comments') {
      problems.push('SERVICENOW_COMMENT_FIELD: fix: use work_notes (internal) or comments (customer-visible)');
    }
    return {
      system,
      baseUrl: v('SERVICENOW_URL'),
      user: v('SERVICENOW_USER'),
      password: v('SERVICENOW_PASSWORD'),
      assignmentGroup: value('SERVICENOW_ASSIGNMENT_GROUP'),
      commentField: commentField === 'comments' ? 'comments' : 'work_notes',
    };
  }
  return {
    system: 'zendesk',
    baseUrl: v('ZENDESK_URL'),
    email: v('ZENDESK_EMAIL'),
    apiToken: v('ZENDESK_API_TOKEN'),
    groupId: value('ZENDESK_GROUP_ID') ? Number(value('ZENDESK_GROUP_ID')) : undefined,
    publicComments: value('ZENDESK_PUBLIC_COMMENTS') === 'true',
  };
}
