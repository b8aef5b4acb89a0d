import type { KnownBlock } from '@slack/types';
import type { Queue } from '../../../channels/channel-directory.js';
import { slaState } from '../../../tickets/sla-clock.js';
import type { Ticket } from '../../../tickets/types.js';
import { escapeSlack } from '../../format/escape.js';
import { buildTicketListBlocks, queueOrder } from './ticket-list.js';

/** App Home shows at most this many queues, and this many tickets of each (most urgent and oldest first). */
const maxQueues = 8;
const perQueue = 3;

/**
 * "Your queues" on an associate's App Home: per queue its open count, how many are past their SLA, and the
 * tickets to look at first. Summaries are redacted and accessions masked, as everywhere on App Home.
 *
 * @example buildHomeQueueBlocks([{ queue, open }], new Date())
 */
export function buildHomeQueueBlocks(queues: readonly { queue: Queue; open: Ticket[] }[], now: Date): KnownBlock[] {
  if (queues.length === 0) return [];
  const shown = queues.slice(0, maxQueues);
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Your queues' } }];
  for (const { queue, open } of shown) {
    const late = open.filter((t) => slaState(t, now).breached).length;
    const title = `${escapeSlack(queue.name)} · ${open.length} open${late ? ` · ${late} past SLA` : ''}`;
    blocks.push(...buildTicketListBlocks(title, queueOrder(open, now), now, perQueue));
  }
  if (queues.length > shown.length)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${queues.length - shown.length} more queues.` }],
    });
  return blocks;
}
