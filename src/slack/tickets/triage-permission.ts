import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { canTriage } from '../../core/roles.js';
import type { TicketContext } from './ticket-context.js';

/** A private note to whoever clicked a card button, when the click came from a channel. */
export function tellActor(body: BlockAction, client: WebClient, text: string): Promise<unknown> {
  return body.channel?.id
    ? client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text })
    : Promise.resolve();
}

/** Only associates and admins triage; anyone else is told so, privately, and nothing changes. */
export async function mayTriage(ctx: TicketContext, body: BlockAction, client: WebClient): Promise<boolean> {
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
