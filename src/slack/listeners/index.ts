import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { skipNoise } from '../middleware/skip-noise.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as shortcuts from './shortcuts/index.js';
import { acknowledgeUnhandled } from './unknown/acknowledge-unhandled.js';
import * as views from './views/index.js';

/**
 * Every listener of the bot, by Slack surface: each `listeners/<surface>/index.ts` exports `register(app, deps)`.
 * Adding a listener: one file in its surface's folder, one line in that folder's index.ts.
 */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.use(skipNoise());
  for (const surface of [commands, events, actions, views, shortcuts]) surface.register(app, deps);
  // Last: whatever none of the listeners above acknowledged gets its 200 at once.
  acknowledgeUnhandled(app, deps.logger);
}
