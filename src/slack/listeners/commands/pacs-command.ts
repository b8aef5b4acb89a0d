import type { App } from '@slack/bolt';
import type { SubcommandRegistry } from '../../commands/registry.js';
import type { SlackDeps } from '../../deps.js';
import { escapeSlack, truncate } from '../../format/escape.js';
import { SlashCommand } from '../../ids.js';

/** `/pacs <subcommand> [args]`: ack at once (Slack allows 3 s), then dispatch through the registry. */
export function registerPacsCommand(app: App, deps: SlackDeps, registry: SubcommandRegistry): void {
  app.command(SlashCommand, async ({ command, ack, respond, client }) => {
    await ack();
    const text = command.text.normalize('NFKC').trim();
    const [first = 'help', ...rest] = text.split(/\s+/);
    const name = first.toLowerCase();
    const subcommand = registry.find(name === '--help' || name === '' ? 'help' : name);
    if (!subcommand) {
      const shown = escapeSlack(truncate(first, 40));
      await respond({
        response_type: 'ephemeral',
        text: `I don't know \`${shown}\`. Try \`${SlashCommand} help\` to see what I can do.`,
      });
      return;
    }
    await subcommand.run({
      args: rest.join(' ').trim(),
      userId: command.user_id,
      channelId: command.channel_id,
      teamId: command.team_id,
      triggerId: command.trigger_id,
      client,
      respond,
      deps,
    });
  });
}
