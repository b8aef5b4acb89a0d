import type { App } from '@slack/bolt';
import { buildHomeView } from '../../blocks/home-blocks.js';
import type { SlackDeps } from '../../deps.js';

/** Publishes the Home tab each time someone opens it, so the knowledge-base figures are current. */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: buildHomeView(deps.home()) });
  });
}
