import type { App } from '@slack/bolt';
import { askSubcommand } from '../commands/ask.js';
import { helpSubcommand } from '../commands/help.js';
import { createSubcommandRegistry } from '../commands/registry.js';
import { reindexSubcommand } from '../commands/reindex.js';
import type { SlackDeps } from '../deps.js';
import { skipDuplicatesAndNoise } from '../middleware/skip-duplicates-and-noise.js';
import { registerAnswerFeedback } from './actions/answer-feedback.js';
import { registerPacsCommand } from './commands/pacs-command.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppMention } from './events/app-mention.js';
import { registerDirectMessage } from './events/direct-message.js';
import { registerFeedbackReason } from './views/feedback-reason.js';

/** Every listener of the bot. Adding a feature: one file under listeners/, one line here. */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.use(skipDuplicatesAndNoise(deps));
  const registry = createSubcommandRegistry();
  registry.add(helpSubcommand(registry));
  registry.add(askSubcommand);
  registry.add(reindexSubcommand);
  registerPacsCommand(app, deps, registry);
  registerAppMention(app, deps);
  registerDirectMessage(app, deps);
  registerAppHomeOpened(app, deps);
  registerAnswerFeedback(app, deps);
  registerFeedbackReason(app, deps);
}
