import { z } from 'zod';
import { type Fixes, httpUrl, idList, int, matching, text } from './fields.js';

export const SlackMode = { Http: 'http', Socket: 'socket', Workspace: 'workspace' } as const;
export type SlackMode = (typeof SlackMode)[keyof typeof SlackMode];

/** Slack credentials, which requests are served, and the local workspace used without them. */
export const slackSchema = z.object({
  SLACK_BOT_TOKEN: text.pipe(z.string().startsWith('xoxb-').optional()),
  SLACK_SIGNING_SECRET: text,
  SLACK_APP_TOKEN: text.pipe(z.string().startsWith('xapp-').optional()),
  SLACK_API_URL: httpUrl,
  SLACK_ALLOWED_TEAM_IDS: idList(/^[TE][A-Z0-9]{2,}$/),
  SLACK_APP_ID: matching(/^A[A-Z0-9]{2,}$/),
  SLACK_BODY_LIMIT_BYTES: int(1024 * 1024, 64 * 1024, 16 * 1024 * 1024),
  PORT: int(3000, 0, 65535),
  HOST: z.string().optional().default('0.0.0.0'),
  WORKSPACE_PORT: int(3000, 0, 65535),
});
type SlackEnv = z.infer<typeof slackSchema>;

export const slackFixes = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (starts with xoxb-) from your Slack app, OAuth & Permissions page',
  SLACK_SIGNING_SECRET: 'copy the Signing Secret from your Slack app, Basic Information page',
  SLACK_APP_TOKEN: 'create an app-level token with connections:write (starts with xapp-), or unset it for HTTP mode',
  SLACK_API_URL: 'use an http(s) URL ending in /api/, e.g. https://slack.com/api/',
  SLACK_ALLOWED_TEAM_IDS:
    'comma-separated workspace (T…) or Enterprise Grid org (E…) ids, from a Slack URL or auth.test; unset to allow all',
  SLACK_APP_ID: 'use the App ID (A…) from your Slack app, Basic Information page; unset to accept any',
  SLACK_BODY_LIMIT_BYTES: 'use bytes between 65536 and 16777216 (default 1048576)',
  PORT: 'use a whole number from 0 to 65535',
  WORKSPACE_PORT: 'use a whole number from 0 to 65535',
} satisfies Fixes<SlackEnv>;

export interface SlackSection {
  mode: SlackMode;
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  /** Workspaces (T…) or orgs (E…) whose signed requests are served; empty or unset: all. */
  allowedTeamIds?: string[];
  /** When set, signed requests for another app id get 403. */
  appId?: string;
  /** Larger Slack request bodies get 413 before they are read. */
  bodyLimitBytes?: number;
  port: number;
  host: string;
}

/**
 * The mode follows the tokens: none is the local workspace, a bot token alone is HTTP mode (which needs the
 * signing secret), a bot token with an app token is Socket Mode. Half a Slack setup is a problem.
 */
export function toSlack(e: SlackEnv, problems: string[]): SlackSection {
  const mode: SlackMode = !e.SLACK_BOT_TOKEN
    ? SlackMode.Workspace
    : e.SLACK_APP_TOKEN
      ? SlackMode.Socket
      : SlackMode.Http;
  if (mode === SlackMode.Http && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      `SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode — fix: ${slackFixes.SLACK_SIGNING_SECRET}`,
    );
  }
  if (mode === SlackMode.Workspace && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    problems.push(
      `SLACK_BOT_TOKEN: missing while other Slack settings are set — fix: ${slackFixes.SLACK_BOT_TOKEN}, or unset all SLACK_* variables to use the local workspace`,
    );
  }
  return {
    mode,
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    allowedTeamIds: e.SLACK_ALLOWED_TEAM_IDS,
    appId: e.SLACK_APP_ID,
    bodyLimitBytes: e.SLACK_BODY_LIMIT_BYTES,
    port: e.PORT,
    host: e.HOST,
  };
}
