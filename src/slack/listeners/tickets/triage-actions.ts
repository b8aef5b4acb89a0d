import type { App, BlockAction, BlockButtonAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { canTriage } from '../../../core/roles.js';
import { TicketStatus, type Urgency } from '../../../tickets/types.js';
import { buildAskRequesterModal, buildResolveModal } from '../../blocks/tickets/note-modals.js';
import { escapeSlack, truncate } from '../../format/escape.js';
import { ActionId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/** Card buttons. Only associates and admins triage; anyone else is told so, privately, and nothing changes. */
export function registerTriageActions(app: App, ctx: TicketContext): void {
  async function allowed(body: BlockAction, client: WebClient): Promise<boolean> {
    if (canTriage(await ctx.roles.roleOf(body.user.id))) return true;
    const channel = body.channel?.id;
    if (channel)
      await client.chat.postEphemeral({
        channel,
        user: body.user.id,
        text: 'Only PACS associates and admins can triage tickets.',
      });
    return false;
  }
  const tellActor = (body: BlockAction, client: WebClient, text: string) =>
    body.channel?.id
      ? client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text })
      : Promise.resolve();

  app.action<BlockButtonAction>(ActionId.TriageAssign, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await allowed(body, client))) return;
    const result = await ctx.store.assign(action.value ?? '', body.user.id, body.user.id);
    if (!result.ok) {
      const holder = result.ticket?.assigneeId;
      // The button value is client-supplied: only the stored key, or the value escaped and cut short, is shown.
      const key = result.ticket?.key ?? escapeSlack(truncate(action.value ?? '', 24));
      await tellActor(
        body,
        client,
        holder ? `${key} is already assigned to <@${holder}>.` : `${key} could not be assigned (${result.reason}).`,
      );
      return;
    }
    await ctx.flows.changed(
      result,
      (t) => `<@${body.user.id}> from the PACS team is looking at your ticket *${t.key}*.`,
    );
  });

  app.action<BlockAction<StaticSelectAction>>(ActionId.TriageUrgency, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await allowed(body, client))) return;
    const [key = '', urgency = ''] = action.selected_option.value.split('|');
    const result = await ctx.store.setUrgency(key, urgency as Urgency, body.user.id);
    await ctx.flows.changed(result);
  });

  app.action<BlockButtonAction>(ActionId.TriageWaiting, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await allowed(body, client))) return;
    await client.views.open({ trigger_id: body.trigger_id, view: buildAskRequesterModal(action.value ?? '') });
  });

  app.action<BlockButtonAction>(ActionId.TriageResolve, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await allowed(body, client))) return;
    await client.views.open({ trigger_id: body.trigger_id, view: buildResolveModal(action.value ?? '') });
  });

  app.action<BlockButtonAction>(ActionId.TriageEscalate, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await allowed(body, client))) return;
    const ticket = await ctx.store.get(action.value ?? '');
    if (!ticket) return;
    if (!ctx.oncallGroup) {
      await tellActor(body, client, 'No on-call group is configured (ONCALL_GROUP), so nobody can be paged.');
      return;
    }
    await ctx.store.addEntry(ticket.key, {
      actorId: body.user.id,
      kind: 'escalation',
      data: { group: ctx.oncallGroup },
    });
    if (ticket.status === TicketStatus.New)
      await ctx.flows.changed(await ctx.store.setStatus(ticket.key, TicketStatus.Triaged, body.user.id));
    await ctx.notifier.postInCardThread(
      ticket,
      `<!subteam^${ctx.oncallGroup}> ${ticket.key} was escalated by <@${body.user.id}> and needs on-call attention.`,
    );
  });
}
