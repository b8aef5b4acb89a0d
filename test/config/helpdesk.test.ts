import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { problemsOf } from './problems-of.js';

const zendesk = {
  HELPDESK: 'zendesk',
  ZENDESK_URL: 'https://hospital.zendesk.example',
  ZENDESK_EMAIL: 'bot@hospital.example',
  ZENDESK_API_TOKEN: 't',
};

describe('helpdesk configuration', () => {
  it('is none by default, and reads the chosen system with its sync interval', () => {
    expect(loadConfig({}).helpdesk).toEqual({ system: 'none', syncSeconds: 15 });
    expect(
      loadConfig({ ...zendesk, HELPDESK: ' Zendesk ', ZENDESK_GROUP_ID: '360', ZENDESK_PUBLIC_COMMENTS: 'true' })
        .helpdesk,
    ).toEqual({
      system: 'zendesk',
      syncSeconds: 15,
      baseUrl: 'https://hospital.zendesk.example',
      email: 'bot@hospital.example',
      apiToken: 't',
      groupId: 360,
      publicComments: true,
    });
    const snow = loadConfig({
      HELPDESK: 'servicenow',
      SERVICENOW_URL: 'https://hospital.service-now.example',
      SERVICENOW_USER: 'u',
      SERVICENOW_PASSWORD: 'p',
      HELPDESK_SYNC_SECONDS: '60',
    }).helpdesk;
    expect(snow).toMatchObject({ system: 'servicenow', commentField: 'work_notes', syncSeconds: 60 });
  });

  it('names an unknown system, and each missing or malformed variable of the chosen one, with its fix', () => {
    expect(problemsOf({ HELPDESK: 'Remedy' })).toEqual([
      'HELPDESK: "remedy" is not a helpdesk — fix: use one of none, jira, servicenow, zendesk',
    ]);
    expect(problemsOf({ HELPDESK: 'jira', JIRA_URL: 'hospital.atlassian.net' })).toEqual([
      'JIRA_URL: not an http(s) URL — fix: set it to your Jira Cloud site, e.g. https://hospital.atlassian.net',
      'JIRA_EMAIL: required with HELPDESK=jira — fix: set it to the e-mail of the Jira account the bot acts as',
      expect.stringMatching(/^JIRA_API_TOKEN: required with HELPDESK=jira — fix: set it to an API token/),
      expect.stringMatching(/^JIRA_PROJECT_KEY: required with HELPDESK=jira — fix: set it to the project key/),
    ]);
    expect(problemsOf({ ...zendesk, ZENDESK_GROUP_ID: 'pacs' })).toEqual([
      'ZENDESK_GROUP_ID: fix: use the numeric group id',
    ]);
    expect(
      problemsOf({
        HELPDESK: 'servicenow',
        SERVICENOW_URL: 'https://x.example',
        SERVICENOW_USER: 'u',
        SERVICENOW_PASSWORD: 'p',
        SERVICENOW_COMMENT_FIELD: 'notes',
      }),
    ).toEqual(['SERVICENOW_COMMENT_FIELD: fix: use work_notes (internal) or comments (customer-visible)']);
  });

  it("checks only the chosen system's variables", () => {
    expect(problemsOf({ HELPDESK: 'none', ZENDESK_GROUP_ID: 'pacs', SERVICENOW_COMMENT_FIELD: 'notes' })).toEqual([]);
  });
});
