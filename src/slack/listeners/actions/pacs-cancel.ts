import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { type PendingConfirmation, pendingKey } from '../../pacs/pending-confirmation.js';

/** Cancel under a PACS side effect: only the person who asked; nothing runs. */
export function registerPacsCancel(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ActionId.PacsCancel, async ({ ack, action, body, respond }) => {
    await ack();
    const key = pendingKey(action.value ?? '');
    const pending = await deps.state.get<PendingConfirmation>(key);
    if (pending && pending.userId !== body.user.id) return;
    await deps.state.delete(key);
    await respond({ replace_original: true, text: 'Cancelled. Nothing was changed.' });
  });
}
