import type { SlackDeps } from '../deps.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { TicketContext } from '../tickets/ticket-context.js';

/** What every surface's `register(app, deps)` receives: the bot's deps plus what createSlackApp built for Slack. */
export interface ListenerDeps extends SlackDeps {
  roles: RoleResolver;
  /** Present when tickets are on: the store, flows and notifier the ticket listeners share. */
  ticketContext?: TicketContext;
}
