import { randomBytes } from 'node:crypto';
import { type Config, SlackMode } from '../config.js';
import type { Workspace, WorkspaceOptions } from '../devtools/workspace/index.js';

/**
 * Without Slack tokens: starts the local Slack workspace and returns the config the unchanged bot runs with
 * against it (its Web API over loopback HTTP, requests signed like Slack's, its seeded channels and groups for
 * tickets, roles and the weekly digest (#pacs-managers) unless set). The workspace starts first so the page
 * opens while the bot is still starting.
 */
export async function startLocalWorkspace(
  config: Config,
  options: { workspace?: Partial<WorkspaceOptions>; onReady?: (url: string) => void },
): Promise<{ workspace: Workspace; config: Config }> {
  const { createWorkspace } = await import('../devtools/workspace/index.js');
  const botToken = options.workspace?.botToken ?? `xoxb-local-${randomBytes(12).toString('hex')}`;
  const signingSecret = options.workspace?.signingSecret ?? randomBytes(16).toString('hex');
  const workspace = await createWorkspace({
    dataDir: config.dataDir,
    port: config.workspacePort,
    host: '127.0.0.1',
    waitForBotMs: 60_000,
    ...options.workspace,
    signingSecret,
    botToken,
  });
  options.onReady?.(workspace.url);
  const d = (await import('../devtools/workspace/defaults.js')).localWorkspaceDefaults;
  const { MANAGERS_CHANNEL } = await import('../devtools/workspace/seed.js');
  return {
    workspace,
    config: {
      ...config,
      slack: {
        ...config.slack,
        mode: SlackMode.Http,
        botToken,
        signingSecret,
        apiUrl: workspace.apiUrl,
        port: 0,
        host: '127.0.0.1',
      },
      tickets: {
        ...config.tickets,
        triageChannel: config.tickets.triageChannel ?? d.TRIAGE_CHANNEL,
        oncallGroup: config.tickets.oncallGroup ?? d.ONCALL_GROUP,
      },
      channels: { ...config.channels, digestChannel: config.channels.digestChannel ?? MANAGERS_CHANNEL },
      roles: {
        ...config.roles,
        associateGroup: config.roles.associateGroup ?? d.ROLE_ASSOCIATE_GROUP,
        adminGroup: config.roles.adminGroup ?? d.ROLE_ADMIN_GROUP,
      },
    },
  };
}
