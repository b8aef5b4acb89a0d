import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { ChannelsFile } from './channels/channels-file.js';
import { loadChannelsFile } from './channels/load-channels.js';
import { type ChannelsSection, channelsFixes, channelsSchema, toChannels } from './config/channels.js';
import { type ClusterSection, clusterFixes, clusterSchema, toCluster } from './config/cluster.js';
import { ConfigError } from './config/config-error.js';
import { type HelpdeskSection, helpdeskFixes, helpdeskSchema, toHelpdesk } from './config/helpdesk.js';
import { type InterfacesSection, interfacesFixes, interfacesSchema, toInterfaces } from './config/interfaces.js';
import { type AnswersSection, type LlmSection, llmFixes, llmSchema, toLlm } from './config/llm.js';
import { type MonitorSection, monitorFixes, monitorSchema, toMonitor } from './config/monitor.js';
import { pacsFixes, pacsSchema } from './config/pacs.js';
import { plainHttpProblems, plainHttpUrls } from './config/plain-http.js';
import { type RolesSection, rolesFixes, rolesSchema, toRoles } from './config/roles.js';
import { runtimeFixes, runtimeSchema } from './config/runtime.js';
import { type SlackSection, slackFixes, slackSchema, toSlack } from './config/slack.js';
import { type KbSection, storageFixes, storageSchema, toStorage } from './config/storage.js';
import { type TicketsSection, ticketsFixes, ticketsSchema, toTickets } from './config/tickets.js';
import { type PacsConfig, readPacsConfig } from './pacs/pacs-config.js';

/**
 * The only reader of the environment. `loadConfig(env)` validates everything at once and throws a
 * ConfigError listing every problem together with its fix, so an admin fixes the .env in one pass.
 * Each area's variables, defaults, ranges and fixes live in its own schema under src/config/.
 */

export { ConfigError } from './config/config-error.js';
export type { PacsSettings } from './config/pacs.js';
export { SlackMode } from './config/slack.js';
export type { PacsConfig } from './pacs/pacs-config.js';

/** Root of the installed package (the folder holding package.json), for bundled defaults. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every variable the bot reads, one schema per area, parsed together. */
export const envSchema = z.object({
  ...slackSchema.shape,
  ...storageSchema.shape,
  ...llmSchema.shape,
  ...ticketsSchema.shape,
  ...rolesSchema.shape,
  ...helpdeskSchema.shape,
  ...pacsSchema.shape,
  ...monitorSchema.shape,
  ...interfacesSchema.shape,
  ...clusterSchema.shape,
  ...channelsSchema.shape,
  ...runtimeSchema.shape,
});

const fixes: Partial<Record<string, string>> = {
  ...slackFixes,
  ...storageFixes,
  ...llmFixes,
  ...ticketsFixes,
  ...rolesFixes,
  ...helpdeskFixes,
  ...pacsFixes,
  ...monitorFixes,
  ...interfacesFixes,
  ...clusterFixes,
  ...channelsFixes,
  ...runtimeFixes,
};

export interface Config {
  /** Settings that send over http:// to another host, allowed by ALLOW_PLAINTEXT_HTTP (logged at start). */
  plainHttp: string[];
  slack: SlackSection;
  workspacePort: number;
  kb: KbSection;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  llm?: LlmSection;
  tickets: TicketsSection;
  /** PACS sites and check settings (no sites: the PACS commands are off). */
  pacs: PacsConfig;
  monitor: MonitorSection;
  /** The interface engine `/pacs interfaces` and the monitor read (`none`: off). */
  interfaces: InterfacesSection;
  /** Replicas sharing PostgreSQL + Redis (1: single instance). */
  cluster: ClusterSection;
  helpdesk: HelpdeskSection;
  roles: RolesSection;
  /** Per-channel behaviour and queues (`CHANNELS_CONFIG`, read and checked at start), the digest, the KB owners. */
  channels: ChannelsSection & { parsed?: ChannelsFile };
  httpTimeoutMs: number;
  answers?: AnswersSection;
  /** On SIGTERM, how long in-flight answers and checks may run before the stores close. */
  shutdownGraceMs?: number;
  logLevel: string;
}

export type SlackConfig = Config['slack'];
export type LlmConfig = NonNullable<Config['llm']>;
export type TicketsConfig = Config['tickets'];
export type MonitorConfig = Config['monitor'];
export type ClusterConfig = Config['cluster'];
export type HelpdeskSettings = Config['helpdesk'];
export type RolesConfig = Config['roles'];

/** Values from a .env file, without overriding what the real environment already sets. */
export function readDotEnv(path: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!existsSync(path)) return env;
  const fromFile = parseEnv(readFileSync(path, 'utf8'));
  return { ...fromFile, ...env };
}

/** The environment parsed by every area's schema at once, or every problem with its fix. */
export function readEnvironment(
  env: NodeJS.ProcessEnv,
): { success: true; data: z.infer<typeof envSchema> } | { success: false; problems: string[] } {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    return `${key}: ${issue.message}${fixes[key] ? ` — fix: ${fixes[key]}` : ''}`;
  });
  return { success: false, problems };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = readEnvironment(env);
  if (!parsed.success) throw new ConfigError(parsed.problems);
  const e = parsed.data;
  // The rules across variables (which need the parsed values) follow, in the order they are reported.
  const problems: string[] = [];
  const slack = toSlack(e, problems);
  const { llm, answers } = toLlm(e, problems);
  const helpdesk = toHelpdesk(e, problems);
  const pacs = readPacsConfig(e, problems, { secret: (name) => env[name] });
  const interfaces = toInterfaces(e, problems);
  const plainHttp = plainHttpUrls([
    ['SLACK_API_URL', slack.apiUrl],
    ['OPENAI_BASE_URL', e.OPENAI_BASE_URL],
    [`${helpdesk.system.toUpperCase()}_URL`, 'baseUrl' in helpdesk ? helpdesk.baseUrl : undefined],
    ['MIRTH_URL', interfaces.engine === 'mirth' ? interfaces.mirth.url : undefined],
    ...pacs.sites.flatMap((site) => [
      [`PACS site ${site.id} (restUrl)`, site.restUrl] as const,
      [`PACS site ${site.id} (dicomwebUrl)`, site.dicomwebUrl] as const,
    ]),
  ]);
  problems.push(...plainHttpProblems(plainHttp, e.ALLOW_PLAINTEXT_HTTP));
  const storage = toStorage(e, cwd, resolve(packageRoot, 'knowledge'), problems);
  const cluster = toCluster(e, problems);
  const channels = toChannels(e);
  const siteIds = pacs.sites.map((site) => site.id);
  const parsedChannels = loadChannelsFile(channels.file, cwd, siteIds, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    slack,
    workspacePort: e.WORKSPACE_PORT,
    ...storage,
    llm,
    tickets: toTickets(e),
    helpdesk,
    pacs,
    monitor: toMonitor(e),
    interfaces,
    cluster,
    roles: toRoles(e),
    channels: { ...channels, ...(parsedChannels ? { parsed: parsedChannels } : {}) },
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
    answers,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    plainHttp,
    logLevel: e.LOG_LEVEL,
  };
}
