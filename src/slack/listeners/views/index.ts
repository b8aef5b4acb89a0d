import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps.js';
import { registerFeedbackReason } from './feedback-reason.js';
import { registerTicketAskRequester } from './ticket-ask-requester.js';
import { registerTicketNew } from './ticket-new.js';
import { registerTicketResolve } from './ticket-resolve.js';

/** Modal submissions (`view_submission`): the 👎 reason, a new ticket, and the card's note modals. */
export function register(app: App, deps: ListenerDeps): void {
  registerFeedbackReason(app, deps);
  if (deps.ticketContext) {
    registerTicketNew(app, deps.ticketContext);
    registerTicketResolve(app, deps.ticketContext);
    registerTicketAskRequester(app, deps.ticketContext);
  }
}
