import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerDraftSave } from './draft-save.js';
import { registerFeedbackReason } from './feedback-reason.js';
import { registerTicketAskRequester } from './ticket-ask-requester.js';
import { registerTicketNew } from './ticket-new.js';
import { registerTicketResolve } from './ticket-resolve.js';

/** Modal submissions (`view_submission`): the 👎 reason, a new ticket, and the card's note modals. */
export function register(app: App, deps: SlackDeps): void {
  registerFeedbackReason(app, deps);
  if (deps.tickets) {
    registerTicketNew(app, deps.tickets);
    registerTicketResolve(app, deps.tickets);
    registerTicketAskRequester(app, deps.tickets);
    const drafts = deps.drafts;
    if (drafts) registerDraftSave(app, deps, deps.tickets, drafts);
  }
}
