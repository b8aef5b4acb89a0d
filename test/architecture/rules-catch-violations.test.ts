import { describe, expect, it } from 'vitest';
import { driverImporters, envHandOffs, slackPackagesOutsideSlack } from './allowed.js';
import { type RuleName, rules, staleAllowances } from './rules.js';
import { collectFacts } from './source-facts.js';

/** Runs one rule over in-memory sources and returns where it complains (`file:line`). */
function complaints(rule: RuleName, files: Record<string, string>): string[] {
  return rules[rule](collectFacts(files)).map((violation) => violation.split(' ')[0] ?? '');
}

describe('each architecture rule reports a violation (same checker, in-memory sources)', () => {
  it('domain code importing src/slack/ or @slack/* (multi-line, type-only and re-exports too)', () => {
    const files = {
      'src/kb/search.ts': "import {\n  ActionId,\n  BlockId,\n} from '../slack/ids.js';\n",
      'src/tickets/notify.ts': "import type { App } from '@slack/bolt';\n",
      'src/config.ts': "export { SlashCommand } from './slack/ids.js';\n",
      'src/pacs/lazy.ts': "const web = await import('@slack/web-api');\n",
      'src/slack/app.ts': "import { App } from '@slack/bolt';\nimport { search } from '../kb/search.js';\n",
    };
    expect(complaints('domainKnowsNoSlack', files)).toEqual([
      'src/kb/search.ts:4',
      'src/tickets/notify.ts:1',
      'src/config.ts:1',
      'src/pacs/lazy.ts:1',
    ]);
  });

  it('Bolt outside src/slack/, and another @slack/* package at a site not listed', () => {
    const files = {
      'src/devtools/workspace/server.ts': "const { App } = await import('@slack/bolt');\n",
      'src/compose/compose-desk.ts':
        "import type { SlackClients } from '../slack/slack-clients.js';\nimport { App } from '@slack/bolt';\n",
      'src/cli/notify.ts': "import { WebClient } from '@slack/web-api';\n",
      'src/slack/deps.ts': "import type { App } from '@slack/bolt';\n",
    };
    expect(complaints('slackPackagesOnlyInSlack', files)).toEqual([
      'src/devtools/workspace/server.ts:1',
      'src/compose/compose-desk.ts:2',
      'src/cli/notify.ts:1',
    ]);
  });

  it('openai or @langchain/openai outside src/llm/ (a type-position import() too)', () => {
    const files = {
      'src/answers/answer.ts': "import OpenAI from 'openai';\n",
      'src/kb/embed/embed.ts': "\ntype Model = import('@langchain/openai').ChatOpenAI;\n",
      'src/main.ts': "export type { ChatCompletion } from 'openai/resources';\n",
      'src/llm/openai-client.ts': "import OpenAI from 'openai';\n",
    };
    expect(complaints('openAiOnlyInLlm', files)).toEqual([
      'src/answers/answer.ts:1',
      'src/kb/embed/embed.ts:2',
      'src/main.ts:1',
    ]);
  });

  it('a database or cache driver in a new place (a Kysely dialect class counts, the query builder does not)', () => {
    const files = {
      'src/tickets/store.ts': "import pg from 'pg';\n",
      'src/kb/cache.ts': "const { default: Redis } = await import('ioredis');\n",
      'src/feedback/open.ts': "import { Kysely, SqliteDialect } from 'kysely';\n",
      'src/feedback/store.ts': "import type { Kysely } from 'kysely';\n",
      'src/cli/export.ts': "import mysql = require('mysql2/promise');\n",
      'src/audit/keep.ts': "import KeyvRedis from '@keyv/redis';\n",
      'src/db/create-database.ts':
        "import { PostgresDialect } from 'kysely';\nimport Database from 'better-sqlite3';\n",
      'src/state/redis.ts': "const { default: KeyvRedis } = await import('@keyv/redis');\n",
    };
    expect(complaints('driversOnlyWhereAllowed', files)).toEqual([
      'src/tickets/store.ts:1',
      'src/kb/cache.ts:1',
      'src/feedback/open.ts:1',
      'src/cli/export.ts:1',
      'src/audit/keep.ts:1',
    ]);
  });

  it('src/core/ importing from another src/ folder', () => {
    const files = {
      'src/core/errors.ts': "import { ActionId } from '../slack/ids.js';\nimport { clock } from './clock.js';\n",
      'src/core/http.ts': "export * from '../config.js';\n",
      'src/core/clock.ts': "import type { Logger } from './logger.js';\n",
    };
    expect(complaints('coreIsTheBottomLayer', files)).toEqual(['src/core/errors.ts:1', 'src/core/http.ts:1']);
  });

  it('process.env read outside src/config (or handed on in a way not listed)', () => {
    const files = {
      'src/llm/key.ts': 'export const key = process.env.OPENAI_API_KEY;\n',
      'src/slack/token.ts': "const { env } = process;\nconst t = globalThis.process['env'].SLACK_BOT_TOKEN;\n",
      'src/main.ts': 'export function run(env = process.env) {}\nloadConfig(process.env);\n',
      'src/cli/io.ts': 'export const io = { env: process.env };\n',
      'src/kb/paths.ts': "import { cwd, env } from 'node:process';\n",
      'src/config/env.ts': 'export const raw = process.env.PORT;\n',
      'src/config.ts': 'export const all = process.env;\n',
    };
    expect(complaints('envOnlyInConfig', files)).toEqual([
      'src/llm/key.ts:1',
      'src/slack/token.ts:1',
      'src/slack/token.ts:2',
      'src/main.ts:2',
      'src/kb/paths.ts:1',
    ]);
  });

  it('a dynamic import whose module is not a literal', () => {
    const files = { 'src/kb/plugins.ts': "const name = 'x';\nawait import(name);\nawait import('./fixed.js');\n" };
    expect(complaints('dynamicImportsAreLiteral', files)).toEqual(['src/kb/plugins.ts:2']);
  });

  it('an allowed exception that nothing uses any more', () => {
    const stale = staleAllowances(collectFacts({ 'src/db/create-database.ts': "import pg from 'pg';\n" }));
    const every = [...slackPackagesOutsideSlack, ...driverImporters, ...envHandOffs].map((a) => a.path);
    expect(stale.map((line) => line.split(':')[0])).toEqual(every.filter((path) => path !== 'src/db/**'));
  });
});
