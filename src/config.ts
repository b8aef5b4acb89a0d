import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { readHelpdeskConfig } from './config/helpdesk-config.js';
import { plainHttpUrls } from './config/plain-http.js';
import { type PacsConfig, readPacsConfig } from './pacs/pacs-config.js';
import type { HelpdeskConfig } from './tickets/helpdesk/create-helpdesk-adapter.js';

/**
 * The only reader of the environment. `loadConfig(env)` validates everything at once and throws a
 * ConfigError listing every problem together with its fix, so an admin fixes the .env in one pass.
 */

/** Root of the installed package (the folder holding package.json), for bundled defaults. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().default(fallback);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined))
  .pipe(z.url({ protocol: /^https?$/ }).optional());

/** A comma-separated list of Slack ids, each matching `id` (e.g. users U…/W…, workspaces T…/E…). */
const idList = (id: RegExp) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(id)));

const userList = idList(/^[UW][A-Z0-9]{2,}$/);

const schema = z.object({
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-').optional()),
  SLACK_API_URL: optionalUrl,
  SLACK_ALLOWED_TEAM_IDS: idList(/^[TE][A-Z0-9]{2,}$/),
  SLACK_APP_ID: optionalString.pipe(
    z
      .string()
      .regex(/^A[A-Z0-9]{2,}$/)
      .optional(),
  ),
  SLACK_BODY_LIMIT_BYTES: int(1024 * 1024, 64 * 1024, 16 * 1024 * 1024),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 120_000),
  PORT: int(3000, 0, 65535),
  HOST: z.string().optional().default('0.0.0.0'),
  WORKSPACE_PORT: int(3000, 0, 65535),
  KB_DIR: optionalString,
  KB_EXCLUDE: optionalString,
  KB_WATCH: bool(true),
  DATA_DIR: z.string().optional().default('./data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//)
      .optional(),
  ),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//)
      .optional(),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().optional().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().optional().default('text-embedding-3-small'),
  LLM_TIMEOUT_MS: int(20_000, 1000, 300_000),
  LLM_ANSWER_TIMEOUT_MS: int(60_000, 1000, 600_000),
  LLM_MAX_TOKENS: int(700, 50, 8000),
  LLM_QUESTIONS_PER_HOUR: int(30, 0, 100_000),
  LLM_QUESTIONS_PER_DAY: int(0, 0, 10_000_000),
  LINK_ALLOWLIST: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/))),
  HTTP_TIMEOUT_MS: int(10_000, 500, 300_000),
  TRIAGE_CHANNEL: optionalString.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/)
      .optional(),
  ),
  ONCALL_GROUP: optionalString.pipe(
    z
      .string()
      .regex(/^S[A-Z0-9]{2,}$/)
      .optional(),
  ),
  ROLE_ASSOCIATE_GROUP: optionalString.pipe(
    z
      .string()
      .regex(/^S[A-Z0-9]{2,}$/)
      .optional(),
  ),
  ROLE_ADMIN_GROUP: optionalString.pipe(
    z
      .string()
      .regex(/^S[A-Z0-9]{2,}$/)
      .optional(),
  ),
  ROLE_ASSOCIATE_USERS: userList,
  ROLE_ADMIN_USERS: userList,
  ROLE_CACHE_SECONDS: int(60, 5, 60),
  SLA_STAT_MINUTES: int(60, 1, 100_000),
  SLA_URGENT_MINUTES: int(240, 1, 100_000),
  SLA_ROUTINE_MINUTES: int(4320, 1, 100_000),
  REMINDER_UNTOUCHED_MINUTES: int(120, 5, 100_000),
  REMINDER_INTERVAL_SECONDS: int(60, 5, 86_400),
  HELPDESK_SYNC_SECONDS: int(15, 1, 3600),
  OPS_CHANNEL: optionalString.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/)
      .optional(),
  ),
  MONITOR_INTERVAL_SECONDS: int(60, 10, 86_400),
  MONITOR_FAILED_TASKS: int(3, 1, 100_000),
  MONITOR_PENDING_MINUTES: int(15, 1, 10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  ALLOW_PLAINTEXT_HTTP: bool(false),
});

/** How to fix each variable, shown next to its validation error. */
const fixes: Record<string, string> = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (starts with xoxb-) from your Slack app, OAuth & Permissions page',
  SLACK_SIGNING_SECRET: 'copy the Signing Secret from your Slack app, Basic Information page',
  SLACK_APP_TOKEN: 'create an app-level token with connections:write (starts with xapp-), or unset it for HTTP mode',
  SLACK_API_URL: 'use an http(s) URL ending in /api/, e.g. https://slack.com/api/',
  SLACK_ALLOWED_TEAM_IDS:
    'comma-separated workspace (T…) or Enterprise Grid org (E…) ids, from a Slack URL or auth.test; unset to allow all',
  SLACK_APP_ID: 'use the App ID (A…) from your Slack app, Basic Information page; unset to accept any',
  SLACK_BODY_LIMIT_BYTES: 'use bytes between 65536 and 16777216 (default 1048576)',
  SHUTDOWN_GRACE_MS: 'use milliseconds between 0 and 120000',
  PORT: 'use a whole number from 0 to 65535',
  WORKSPACE_PORT: 'use a whole number from 0 to 65535',
  DATABASE_URL: 'use postgres://user:password@host:5432/database, or unset it to use SQLite under DATA_DIR',
  REDIS_URL: 'use redis://host:6379, or unset it to keep state in SQLite under DATA_DIR',
  OPENAI_BASE_URL: 'use the API base URL of your OpenAI-compatible server, e.g. https://api.openai.com/v1',
  LLM_TIMEOUT_MS: 'use milliseconds between 1000 and 300000 (the wait for the first words of an answer)',
  LLM_ANSWER_TIMEOUT_MS:
    'use milliseconds between 1000 and 600000, at least LLM_TIMEOUT_MS (the longest a whole streamed answer may take)',
  LLM_MAX_TOKENS: 'use a whole number between 50 and 8000',
  LLM_QUESTIONS_PER_HOUR: 'use a whole number of AI-written answers per user per hour (0 = no limit)',
  LLM_QUESTIONS_PER_DAY: 'use a whole number of AI-written answers per day for everyone together (0 = no limit)',
  LINK_ALLOWLIST: 'list host names only, comma-separated, e.g. intranet.example.org,servicedesk.example.org',
  HTTP_TIMEOUT_MS: 'use milliseconds between 500 and 300000',
  LOG_LEVEL: 'use one of fatal, error, warn, info, debug, trace, silent',
  ALLOW_PLAINTEXT_HTTP:
    'use https://, or set ALLOW_PLAINTEXT_HTTP=true if this hop is protected another way (a TLS proxy on the same host, an isolated network)',
  KB_DIR: 'point it at a folder of Markdown, text, HTML, PDF or .docx files',
  TRIAGE_CHANNEL: 'use the channel id (C… or G…: channel details → About → Channel ID), not its name',
  OPS_CHANNEL: 'use the channel id (C… or G…) where PACS monitor alerts go',
  MONITOR_INTERVAL_SECONDS: 'use seconds between 10 and 86400',
  MONITOR_FAILED_TASKS: 'use a whole number of failed transfers per hour',
  MONITOR_PENDING_MINUTES: 'use whole minutes',
  ONCALL_GROUP: 'use the user group id (S…), not its @handle',
  ROLE_ASSOCIATE_GROUP: 'use the user group id (S…), not its @handle',
  ROLE_ADMIN_GROUP: 'use the user group id (S…), not its @handle',
  ROLE_ASSOCIATE_USERS: 'comma-separated Slack user ids (U… or W…)',
  ROLE_ADMIN_USERS: 'comma-separated Slack user ids (U… or W…)',
  ROLE_CACHE_SECONDS: 'use seconds between 5 and 60 (a removed admin keeps the role at most this long)',
  SLA_STAT_MINUTES: 'use whole minutes',
  SLA_URGENT_MINUTES: 'use whole minutes',
  SLA_ROUTINE_MINUTES: 'use whole minutes',
  REMINDER_UNTOUCHED_MINUTES: 'use whole minutes (at least 5)',
  REMINDER_INTERVAL_SECONDS: 'use seconds between 5 and 86400',
};

export const SlackMode = { Http: 'http', Socket: 'socket', Workspace: 'workspace' } as const;
export type SlackMode = (typeof SlackMode)[keyof typeof SlackMode];

export interface Config {
  /** Settings that send over http:// to another host, allowed by ALLOW_PLAINTEXT_HTTP (logged at start). */
  plainHttp: string[];
  slack: {
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
  };
  workspacePort: number;
  /** `exclude` undefined: the KB's default globs (README, LICENSE, dot folders, node_modules). */
  kb: { dir: string; exclude?: string[]; watch: boolean };
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  llm?: {
    apiKey: string;
    baseUrl?: string;
    model: string;
    embeddingModel?: string;
    /** Deadline to the first token of an answer (the whole response when not streamed), retries included. */
    timeoutMs: number;
    /** Bound for a whole streamed answer; a stream also stops when no token arrives for `timeoutMs`. */
    answerTimeoutMs: number;
    maxTokens: number;
  };
  tickets: {
    /** Where triage cards go; without it tickets are still stored, and /pacs ticket says cards are off. */
    triageChannel?: string;
    oncallGroup?: string;
    slaMinutes: { stat: number; urgent: number; routine: number };
    reminderUntouchedMinutes: number;
    reminderIntervalSeconds: number;
  };
  /** PACS sites and check settings (no sites: the PACS commands are off). */
  pacs: PacsConfig;
  monitor: { opsChannel?: string; intervalSeconds: number; failedTasks: number; pendingMinutes: number };
  /** External helpdesk to mirror tickets to (`none`: PACS Desk is the only record). */
  helpdesk: HelpdeskConfig & { syncSeconds: number };
  roles: {
    associateGroup?: string;
    adminGroup?: string;
    associateUsers: string[];
    adminUsers: string[];
    cacheSeconds: number;
  };
  httpTimeoutMs: number;
  /** What answers may show and how many the LLM writes: links/e-mails only from these hosts (or trusted KB pages). */
  answers?: { linkAllowlist: string[]; questionsPerHour: number; questionsPerDay: number };
  /** On SIGTERM, how long in-flight answers and checks may run before the stores close. */
  shutdownGraceMs?: number;
  logLevel: string;
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Values from a .env file, without overriding what the real environment already sets. */
export function readDotEnv(path: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!existsSync(path)) return env;
  const fromFile = parseEnv(readFileSync(path, 'utf8'));
  return { ...fromFile, ...env };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      problems.push(`${key}: ${issue.message}${fixes[key] ? ` — fix: ${fixes[key]}` : ''}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const mode: SlackMode = !e.SLACK_BOT_TOKEN
    ? SlackMode.Workspace
    : e.SLACK_APP_TOKEN
      ? SlackMode.Socket
      : SlackMode.Http;
  if (mode === SlackMode.Http && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      `SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode — fix: ${fixes.SLACK_SIGNING_SECRET}`,
    );
  }
  if (mode === SlackMode.Workspace && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    problems.push(
      `SLACK_BOT_TOKEN: missing while other Slack settings are set — fix: ${fixes.SLACK_BOT_TOKEN}, or unset all SLACK_* variables to use the local workspace`,
    );
  }
  if (e.LLM_ANSWER_TIMEOUT_MS < e.LLM_TIMEOUT_MS) {
    problems.push(
      `LLM_ANSWER_TIMEOUT_MS: ${e.LLM_ANSWER_TIMEOUT_MS} is shorter than LLM_TIMEOUT_MS (${e.LLM_TIMEOUT_MS}) — fix: ${fixes.LLM_ANSWER_TIMEOUT_MS}`,
    );
  }
  if (e.OPENAI_BASE_URL && !e.OPENAI_API_KEY) {
    problems.push(
      'OPENAI_API_KEY: required when OPENAI_BASE_URL is set — fix: set the key (any non-empty value for servers without keys)',
    );
  }
  const helpdesk = readHelpdeskConfig(env, problems);
  const pacs = readPacsConfig(env, problems);
  const plainHttp = plainHttpUrls([
    ['SLACK_API_URL', e.SLACK_API_URL],
    ['OPENAI_BASE_URL', e.OPENAI_BASE_URL],
    [`${helpdesk.system.toUpperCase()}_URL`, 'baseUrl' in helpdesk ? helpdesk.baseUrl : undefined],
    ...pacs.sites.flatMap((site) => [
      [`PACS site ${site.id} (restUrl)`, site.restUrl] as const,
      [`PACS site ${site.id} (dicomwebUrl)`, site.dicomwebUrl] as const,
    ]),
  ]);
  if (!e.ALLOW_PLAINTEXT_HTTP)
    for (const name of plainHttp)
      problems.push(
        `${name}: http:// would send data unencrypted to another host — fix: ${fixes.ALLOW_PLAINTEXT_HTTP}`,
      );
  const kbDir = resolve(cwd, e.KB_DIR ?? resolve(packageRoot, 'knowledge'));
  if (!existsSync(kbDir)) problems.push(`KB_DIR: folder ${kbDir} does not exist — fix: ${fixes.KB_DIR}`);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    slack: {
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
    },
    workspacePort: e.WORKSPACE_PORT,
    kb: {
      dir: kbDir,
      exclude: e.KB_EXCLUDE?.split(',')
        .map((g) => g.trim())
        .filter(Boolean),
      watch: e.KB_WATCH,
    },
    dataDir: resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseUrl: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL,
          embeddingModel: e.OPENAI_EMBEDDING_MODEL === 'none' ? undefined : e.OPENAI_EMBEDDING_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
          answerTimeoutMs: e.LLM_ANSWER_TIMEOUT_MS,
          maxTokens: e.LLM_MAX_TOKENS,
        }
      : undefined,
    tickets: {
      triageChannel: e.TRIAGE_CHANNEL,
      oncallGroup: e.ONCALL_GROUP,
      slaMinutes: { stat: e.SLA_STAT_MINUTES, urgent: e.SLA_URGENT_MINUTES, routine: e.SLA_ROUTINE_MINUTES },
      reminderUntouchedMinutes: e.REMINDER_UNTOUCHED_MINUTES,
      reminderIntervalSeconds: e.REMINDER_INTERVAL_SECONDS,
    },
    helpdesk: { ...helpdesk, syncSeconds: e.HELPDESK_SYNC_SECONDS },
    pacs,
    monitor: {
      opsChannel: e.OPS_CHANNEL,
      intervalSeconds: e.MONITOR_INTERVAL_SECONDS,
      failedTasks: e.MONITOR_FAILED_TASKS,
      pendingMinutes: e.MONITOR_PENDING_MINUTES,
    },
    roles: {
      associateGroup: e.ROLE_ASSOCIATE_GROUP,
      adminGroup: e.ROLE_ADMIN_GROUP,
      associateUsers: e.ROLE_ASSOCIATE_USERS,
      adminUsers: e.ROLE_ADMIN_USERS,
      cacheSeconds: e.ROLE_CACHE_SECONDS,
    },
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
    answers: {
      linkAllowlist: e.LINK_ALLOWLIST,
      questionsPerHour: e.LLM_QUESTIONS_PER_HOUR,
      questionsPerDay: e.LLM_QUESTIONS_PER_DAY,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    plainHttp,
    logLevel: e.LOG_LEVEL,
  };
}
