import type { App } from '@slack/bolt';
import { askSubcommand } from '../commands/ask.js';
import { helpSubcommand } from '../commands/help.js';
import { createSubcommandRegistry } from '../commands/registry.js';
import { reindexSubcommand } from '../commands/reindex.js';
import { ticketSubcommand } from '../commands/ticket.js';
import { ticketsSubcommand } from '../commands/tickets.js';
import type { SlackDeps } from '../deps.js';
import { skipDuplicatesAndNoise } from '../middleware/skip-duplicates-and-noise.js';
import { pacsSubcommands, registerPacsConfirmations } from '../pacs/pacs-subcommands.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { TicketContext } from '../tickets/ticket-context.js';
import { registerAnswerFeedback } from './actions/answer-feedback.js';
import { registerGuideFixed } from './actions/guide-fixed.js';
import { registerGuideNextStep } from './actions/guide-next-step.js';
import { registerPacsCommand } from './commands/pacs-command.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppMention } from './events/app-mention.js';
import { registerDirectMessage } from './events/direct-message.js';
import { registerSubteamMembersChanged } from './events/subteam-members-changed.js';
import { registerCsat } from './tickets/csat.js';
import { registerNoteSubmissions } from './tickets/note-submissions.js';
import { registerTicketFromAnswer } from './tickets/ticket-from-answer.js';
import { registerTicketFromGuide } from './tickets/ticket-from-guide.js';
import { registerTicketReaction } from './tickets/ticket-reaction.js';
import { registerTicketReplies } from './tickets/ticket-replies.js';
import { registerTicketShortcuts } from './tickets/ticket-shortcuts.js';
import { registerTicketSubmission } from './tickets/ticket-submission.js';
import { registerTriageActions } from './tickets/triage-actions.js';
import { acknowledgeUnhandled } from './unknown/acknowledge-unhandled.js';
import { registerFeedbackReason } from './views/feedback-reason.js';

/** Every listener of the bot. Adding a feature: one file under listeners/, one line here. */
export function registerListeners(
  app: App,
  deps: SlackDeps,
  extras: { roles: RoleResolver; tickets?: TicketContext },
): void {
  app.use(skipDuplicatesAndNoise(deps));
  const registry = createSubcommandRegistry();
  registry.add(helpSubcommand(registry));
  registry.add(askSubcommand);
  registry.add(reindexSubcommand(extras.roles));
  const { tickets } = extras;
  let ticketReply: ReturnType<typeof registerTicketReplies> | undefined;
  if (tickets) {
    registry.add(ticketSubcommand);
    registry.add(ticketsSubcommand(tickets));
    registerTicketShortcuts(app);
    registerTicketSubmission(app, tickets);
    registerTicketFromAnswer(app);
    registerTicketFromGuide(app, deps);
    registerTriageActions(app, tickets);
    registerNoteSubmissions(app, tickets);
    registerCsat(app, tickets);
    registerTicketReaction(app, tickets);
    ticketReply = registerTicketReplies(app, tickets);
  }
  if (deps.pacs) {
    for (const subcommand of pacsSubcommands(deps.pacs, extras.roles)) registry.add(subcommand);
    registerPacsConfirmations(app, deps, deps.pacs, extras.roles);
  }
  registerPacsCommand(app, deps, registry);
  registerAppMention(app, deps);
  registerDirectMessage(app, deps, ticketReply);
  registerAppHomeOpened(app, deps, tickets);
  registerSubteamMembersChanged(app, extras.roles);
  registerAnswerFeedback(app, deps);
  registerFeedbackReason(app, deps);
  registerGuideNextStep(app, deps);
  registerGuideFixed(app, deps);
  // Last: whatever none of the listeners above acknowledged gets its 200 at once.
  acknowledgeUnhandled(app, deps.logger);
}
