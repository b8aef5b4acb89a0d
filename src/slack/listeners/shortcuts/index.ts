import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerNewTicket } from './new-ticket.js';
import { registerTicketFromMessage } from './ticket-from-message.js';

/** Global and message shortcuts: both open the ticket modal, so they exist only with tickets on. */
export function register(app: App, deps: SlackDeps): void {
  if (!deps.tickets) return;
  registerNewTicket(app);
  registerTicketFromMessage(app);
}
