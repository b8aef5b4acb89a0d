import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { draftFromTicket } from '../../../kb/drafts/draft-article.js';
import { TicketStatus } from '../../../tickets/types.js';
import { buildDraftModal } from '../../blocks/drafts/draft-modal.js';
import { ActionId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { mayTriage, tellActor } from '../../tickets/triage-permission.js';
import { findCardReply } from '../events/draft-card-reply.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The newest resolution note on the ticket's timeline (the Resolve modal requires one). */
async function resolutionNote(ctx: TicketContext, key: string): Promise<string> {
  const entries = await ctx.store.timeline(key);
  const resolved = entries.filter((e) => e.kind === 'status' && e.data?.to === TicketStatus.Resolved && e.body);
  return resolved.at(-1)?.body ?? '';
}

/**
 * "Draft answer" (the 📖 offer) and "Save as answer" (a resolved card) open the draft modal, built from the
 * ticket and the reply or resolution note, redacted. Associates and admins only; the button value is re-checked
 * against the ticket store, so a forged one opens nothing.
 */
export function registerDraftOpen(app: App, ctx: TicketContext): void {
  app.action<BlockButtonAction>(ActionId.DraftFromMessage, async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    if (!(await mayTriage(ctx, body, client))) return;
    const [channel = '', ts = ''] = (action.value ?? '').split('|');
    const reply = channel && ts ? await findCardReply(client, ctx.store, channel, ts) : undefined;
    if (!reply || reply.isCard) {
      await tellActor(body, client, 'That message is no longer in a ticket thread; no draft was started.');
      return;
    }
    const view = buildDraftModal(reply.ticket.key, draftFromTicket(reply.ticket, reply.text));
    await client.views.open({ trigger_id: body.trigger_id, view });
  });

  app.action<BlockButtonAction>(ActionId.DraftFromTicket, async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    if (!(await mayTriage(ctx, body, client))) return;
    const ticket = await ctx.store.get(action.value ?? '');
    if (!ticket || (ticket.status !== TicketStatus.Resolved && ticket.status !== TicketStatus.Closed)) {
      await tellActor(body, client, 'Only a resolved ticket can be saved as an answer.');
      return;
    }
    const view = buildDraftModal(ticket.key, draftFromTicket(ticket, await resolutionNote(ctx, ticket.key)));
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
