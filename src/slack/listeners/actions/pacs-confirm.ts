import type { App, BlockButtonAction } from '@slack/bolt';
import { runCheck } from '../../../pacs/run-check.js';
import { renderOutcome } from '../../blocks/pacs/render-outcome.js';
import type { SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import type { PacsDeps } from '../../pacs/pacs-context.js';
import { type PendingConfirmation, pendingKey } from '../../pacs/pending-confirmation.js';

/** Confirm under a PACS side effect: only the person who asked, within five minutes, once. */
export function registerPacsConfirm(app: App, deps: SlackDeps, pacs: PacsDeps): void {
  app.action<BlockButtonAction>(ActionId.PacsConfirm, async ({ ack, body, action, respond }) => {
    await ack();
    const key = pendingKey(action.value ?? '');
    const pending = await deps.state.get<PendingConfirmation>(key);
    if (!pending)
      return void (await respond({
        replace_original: true,
        text: 'This confirmation has expired. Run the command again.',
      }));
    if (pending.userId !== body.user.id) {
      return void (await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Only the person who asked can confirm this.',
      }));
    }
    if (!(await deps.dedupe.claim(key))) return; // a double click acts once
    await deps.state.delete(key);
    // A fetch waits for the study to arrive: say so at once, the result replaces this.
    await respond({ replace_original: true, text: '⏳ Working on it…' });
    const role = await deps.roles.roleOf(body.user.id);
    const outcome = await runCheck(pacs, {
      command: pending.command,
      text: pending.text,
      actor: { userId: pending.userId, teamId: pending.teamId },
      role,
      source: 'slack',
      confirmed: true,
    });
    await respond({ replace_original: true, ...renderOutcome(outcome, role, new Date(pacs.ctx.now())) });
  });
}
