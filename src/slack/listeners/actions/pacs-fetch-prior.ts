import type { App, BlockButtonAction } from '@slack/bolt';
import { CheckId } from '../../../pacs/checks/check-types.js';
import { renderOutcome } from '../../blocks/pacs/render-outcome.js';
import { runForSlack } from '../../commands/pacs-checks.js';
import type { SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { type FetchOffer, fetchOfferKey } from '../../pacs/fetch-offer.js';
import type { PacsDeps } from '../../pacs/pacs-context.js';

const valuePattern = /^([0-9a-f-]{36}):(\d{1,2})$/;

/**
 * *Fetch n* under a priors list: looks the prior up in the offer kept for whoever listed them, then asks for the
 * usual confirmation (a new ephemeral message), so the fetch itself runs through the confirm step like any write.
 */
export function registerPacsFetchPrior(app: App, deps: SlackDeps, pacs: PacsDeps): void {
  app.action<BlockButtonAction>(
    new RegExp(`^${ActionId.PacsFetchPrior}:\\d+$`),
    async ({ ack, body, action, respond }) => {
      await ack();
      const reply = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      const [, offerId, n] = valuePattern.exec(action.value ?? '') ?? [];
      const offer = offerId ? await deps.state.get<FetchOffer>(fetchOfferKey(offerId)) : undefined;
      if (!offer) return void (await reply('This list has expired. Run `/pacs priors` again.'));
      if (offer.userId !== body.user.id)
        return void (await reply('Only the person who listed these priors can fetch them.'));
      const item = offer.items[Number(n) - 1];
      if (!item) return void (await reply('That prior cannot be fetched from here.'));
      const fetch = pacs.registry.list().find((c) => c.id === CheckId.FetchPrior);
      if (!fetch) return;
      const role = await deps.roles.roleOf(body.user.id);
      const actor = { userId: offer.userId, ...(offer.teamId ? { teamId: offer.teamId } : {}) };
      const text = `${item.studyInstanceUid} ${item.site}`;
      const { outcome, token } = await runForSlack(pacs, deps, { command: fetch.command, text, actor, role });
      deps.logger.info({ user: body.user.id, check: fetch.id, outcome: outcome.kind }, 'pacs check');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderOutcome(outcome, role, new Date(pacs.ctx.now()), token),
      });
    },
  );
}
