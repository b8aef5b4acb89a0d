import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { View } from '@slack/types';
import { buildAskRequesterModal, buildResolveModal } from '../../blocks/tickets/note-modals.js';
import { ActionId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { mayTriage } from '../../tickets/triage-permission.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Ask requester" and "Resolve" on the card open their note modal; the change happens on submission. */
export function registerTriageNoteModals(app: App, ctx: TicketContext): void {
  const openNoteModal =
    (build: (key: string) => View) =>
    async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
      await ack();
      if (!(await mayTriage(ctx, body, client))) return;
      await client.views.open({ trigger_id: body.trigger_id, view: build(action.value ?? '') });
    };
  app.action<BlockButtonAction>(ActionId.TriageWaiting, openNoteModal(buildAskRequesterModal));
  app.action<BlockButtonAction>(ActionId.TriageResolve, openNoteModal(buildResolveModal));
}
