import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../../src/config.js';
import { CallbackId, SlashCommand } from '../../src/slack/ids.js';

interface Manifest {
  features: { slash_commands: { command: string }[]; shortcuts: { callback_id: string; type: string; name: string }[] };
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
  'groups:history',
  'im:history',
  'im:read',
  'im:write',
  'reactions:read',
  'usergroups:read',
  'users:read',
];

/** Why each message-history scope is needed (checklist S7: no `*:history` unless justified). */
const historyJustified: Record<string, string> = {
  'channels:history': 'earlier turns of a public thread, for follow-up questions (message.channels)',
  'groups:history': 'the same in private channels, e.g. a private triage channel (message.groups)',
  'im:history': 'questions in DMs (message.im)',
};

describe('slack-app-manifest.yaml', () => {
  it('S7: asks for exactly the approved bot scopes (a new one fails), no user token, *:history only where justified', () => {
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
});
