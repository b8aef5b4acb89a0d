import type { BlockButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { replaceGuideActions } from '../blocks/guide-blocks.js';

/** `gone`: the clicked message has no guide buttons left (already used) or is not one the bot can update. */
export type RetireOutcome = 'updated' | 'gone' | 'failed';

/**
 * Swaps the guide buttons of the clicked message for a one-line note: chat.update of that same message, never a
 * second copy. The blocks come back from the click payload as Slack stored them (a `markdown` block may have been
 * translated into several other blocks); they are sent back unchanged but for the guide buttons.
 */
export async function retireGuideButtons(
  client: WebClient,
  body: BlockButtonAction,
  note: KnownBlock,
): Promise<RetireOutcome> {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message;
  if (!channel || !message?.ts) return 'gone';
  const blocks = replaceGuideActions(message.blocks as unknown[] | undefined, note);
  if (!blocks) return 'gone';
  try {
    await client.chat.update({ channel, ts: message.ts, text: message.text ?? '', blocks });
    return 'updated';
  } catch {
    return 'failed';
  }
}
