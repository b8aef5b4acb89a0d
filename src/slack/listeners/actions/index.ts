import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerAnswerFeedback } from './answer-feedback.js';
import { registerDraftOpen } from './draft-open.js';
import { registerDraftReview } from './draft-review.js';
import { registerGuideFixed } from './guide-fixed.js';
import { registerGuideNextStep } from './guide-next-step.js';
import { registerPacsCancel } from './pacs-cancel.js';
import { registerPacsConfirm } from './pacs-confirm.js';
import { registerPacsFetchPrior } from './pacs-fetch-prior.js';
import { registerTicketCsat } from './ticket-csat.js';
import { registerTicketFromAnomaly } from './ticket-from-anomaly.js';
import { registerTicketFromAnswer } from './ticket-from-answer.js';
import { registerTicketFromGuide } from './ticket-from-guide.js';
import { registerTriageAssign } from './triage-assign.js';
import { registerTriageEscalate } from './triage-escalate.js';
import { registerTriageNoteModals } from './triage-note-modals.js';
import { registerTriageUrgency } from './triage-urgency.js';

/** Buttons and menus (`block_actions`): answers, guides, the ticket card, CSAT and PACS confirmations. */
export function register(app: App, deps: SlackDeps): void {
  registerAnswerFeedback(app, deps);
  registerGuideNextStep(app, deps);
  registerGuideFixed(app, deps);
  const tickets = deps.tickets;
  if (tickets) {
    registerTicketFromAnswer(app);
    registerTicketFromAnomaly(app);
    registerTicketFromGuide(app, deps);
    registerTriageAssign(app, tickets);
    registerTriageUrgency(app, tickets);
    registerTriageNoteModals(app, tickets);
    registerTriageEscalate(app, tickets);
    registerTicketCsat(app, tickets);
    const drafts = deps.drafts;
    if (drafts) {
      registerDraftOpen(app, tickets);
      registerDraftReview(app, deps, drafts);
    }
  }
  if (deps.pacs) {
    registerPacsConfirm(app, deps, deps.pacs);
    registerPacsCancel(app, deps);
    registerPacsFetchPrior(app, deps, deps.pacs);
  }
}
