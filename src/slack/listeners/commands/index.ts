import type { App } from '@slack/bolt';
import { askSubcommand } from '../../commands/ask.js';
import { channelSubcommand } from '../../commands/channel.js';
import { helpSubcommand } from '../../commands/help.js';
import { interfacesSubcommand } from '../../commands/interfaces.js';
import { pacsSubcommands } from '../../commands/pacs-checks.js';
import { createSubcommandRegistry } from '../../commands/registry.js';
import { reindexSubcommand } from '../../commands/reindex.js';
import { ticketSubcommand } from '../../commands/ticket.js';
import { ticketsSubcommand } from '../../commands/tickets.js';
import type { SlackDeps } from '../../deps.js';
import { registerPacsCommand } from './pacs-command.js';

/** Slash commands: `/pacs` and its subcommands, in the order `/pacs help` lists them. */
export function register(app: App, deps: SlackDeps): void {
  const registry = createSubcommandRegistry();
  registry.add(helpSubcommand(registry));
  registry.add(askSubcommand);
  registry.add(reindexSubcommand(deps.roles));
  registry.add(interfacesSubcommand(deps.roles));
  registry.add(channelSubcommand(deps.roles));
  if (deps.tickets) {
    registry.add(ticketSubcommand);
    registry.add(ticketsSubcommand(deps.tickets));
  }
  if (deps.pacs) for (const subcommand of pacsSubcommands(deps.pacs, deps.roles)) registry.add(subcommand);
  registerPacsCommand(app, deps, registry);
}
