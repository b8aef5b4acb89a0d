import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { createCheckRegistry, pacsChecks } from '../../src/pacs/checks/registry.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { CallbackId, SlashCommand } from '../../src/slack/ids.js';
import { registerListeners } from '../../src/slack/listeners/index.js';
import type { PacsDeps } from '../../src/slack/pacs/pacs-context.js';
import type { RoleResolver } from '../../src/slack/roles/role-resolver.js';
import type { TicketContext } from '../../src/slack/tickets/ticket-context.js';

interface SlashCommandEntry {
  command: string;
  description: string;
  usage_hint: string;
}

interface Manifest {
  features: { slash_commands: SlashCommandEntry[]; shortcuts: { callback_id: string; type: string; name: string }[] };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}

const manifest = parse(readFileSync(join(packageRoot, 'slack-app-manifest.yaml'), 'utf8')) as Manifest;

/** The approved scopes. Adding one is a security review: change this list in the same pull request. */
const approvedScopes = [
  'app_mentions:read',
  'channels:history',
  'chat:write',
  'commands',
  'files:write',
  'groups:history',
  'im:history',
  'im:read',
  'im:write',
  'reactions:read',
  'usergroups:read',
  'users:read',
];

/**
 * The first word of every `/pacs` subcommand, as `/pacs help` lists them with tickets and PACS checks on: the real
 * listeners registered on a Bolt app (never started), the help answer caught at its response_url.
 */
async function helpWords(): Promise<string[]> {
  const answers: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      answers.push(body);
      res.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const { port } = server.address() as AddressInfo;
    const app = new App({ authorize: async () => ({}), signingSecret: 'unused', logLevel: LogLevel.ERROR });
    // Registration only closes over roles and tickets; the help answer uses neither.
    const deps = {
      logger: createLogger({ level: 'silent' }),
      pacs: { registry: createCheckRegistry() } as PacsDeps,
      roles: {} as RoleResolver,
      tickets: {} as TicketContext,
    } as SlackDeps;
    registerListeners(app, deps);
    const body = {
      command: SlashCommand,
      text: 'help',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      trigger_id: 'x',
    };
    await app.processEvent({ body: { ...body, response_url: `http://127.0.0.1:${port}/` }, ack: async () => {} });
  } finally {
    server.close();
  }
  const words = [...answers.join('').matchAll(new RegExp(`\`${SlashCommand} ([a-z-]+)`, 'g'))].map((m) => m[1] ?? '');
  return [...new Set(words)];
}

/** The first word of each alternative in the usage hint (`a <x> | b [c|d]` → a, b). */
const hintWords = (hint: string) => hint.split(/\s\|\s/).map((alternative) => alternative.trim().split(/\s/)[0]);

/** Why each message-history scope is needed: the bot reads no message history it cannot justify. */
const historyJustified: Record<string, string> = {
  'channels:history': 'earlier turns of a public thread, for follow-up questions (message.channels)',
  'groups:history': 'the same in private channels, e.g. a private triage channel (message.groups)',
  'im:history': 'questions in DMs (message.im)',
};

describe('slack-app-manifest.yaml', () => {
  it('asks for exactly the approved bot scopes (a new one fails), no user token, *:history only where justified', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(approvedScopes);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    expect(manifest.oauth_config.scopes.bot).not.toContain('chat:write.public');
    expect(manifest.oauth_config.scopes.bot).not.toContain('files:read');
    for (const scope of manifest.oauth_config.scopes.bot.filter((x) => x.endsWith(':history')))
      expect(historyJustified[scope], scope).toBeTruthy();
  });

  it('declares the command and shortcuts the code listens for', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SlashCommand]);
    const shortcuts = manifest.features.shortcuts.map((s) => s.callback_id).sort();
    expect(shortcuts).toEqual([CallbackId.ShortcutNewTicket, CallbackId.ShortcutTicketFromMessage].sort());
    for (const s of manifest.features.shortcuts) expect(s.name.length).toBeLessThanOrEqual(24);
  });

  it('subscribes to the events the listeners handle', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining([
        'app_mention',
        'app_home_opened',
        'message.im',
        'message.channels',
        'reaction_added',
        'subteam_members_changed',
      ]),
    );
  });

  it('/pacs: the usage hint names every subcommand and PACS check word, and nothing else; the description the checks', async () => {
    const [pacs] = manifest.features.slash_commands;
    const checkWords = pacsChecks.map((check) => check.command);
    const subcommands = await helpWords();
    expect(subcommands).toEqual(expect.arrayContaining(['help', ...checkWords]));
    expect([...hintWords(pacs?.usage_hint ?? '')].sort()).toEqual([...subcommands].sort());
    for (const word of checkWords) expect(pacs?.description).toMatch(new RegExp(`\\b${word}\\b`));
    // Slack's limits; both stay far shorter so the command picker shows them whole.
    expect(pacs?.usage_hint.length).toBeLessThanOrEqual(1000);
    expect(pacs?.description.length).toBeLessThanOrEqual(2000);
  });
});
