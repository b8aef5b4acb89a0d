import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerAppHomeOpened } from './app-home-opened.js';
import { registerAppMention } from './app-mention.js';
import { registerCardThreadNotes } from './card-thread-notes.js';
import { registerChannelQuestion } from './channel-question.js';
import { registerDirectMessage } from './direct-message.js';
import { registerDraftReaction } from './draft-reaction.js';
import { registerSubteamMembersChanged } from './subteam-members-changed.js';
import { registerTicketReaction } from './ticket-reaction.js';

/**
 * Events API listeners. Three listen to `message`, and Bolt runs each on every message: card-thread notes act
 * only in the triage channel, the DM listener only in DMs (where it relays ticket replies before answering), the
 * channel-question listener only on top-level messages in channels whose answer mode is `all`.
 */
export function register(app: App, deps: SlackDeps): void {
  if (deps.tickets) {
    registerTicketReaction(app, deps.tickets);
    registerCardThreadNotes(app, deps.tickets);
    if (deps.drafts) registerDraftReaction(app, deps.tickets);
  }
  registerAppMention(app, deps);
  registerDirectMessage(app, deps);
  registerChannelQuestion(app, deps);
  registerAppHomeOpened(app, deps);
  registerSubteamMembersChanged(app, deps.roles);
}
