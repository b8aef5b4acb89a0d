import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { StateStore } from '../../state/create-state-store.js';
import type { TicketStore } from '../../tickets/store-types.js';
import type { Ticket } from '../../tickets/types.js';
import { buildTicketCard, safeSummary, statusLabels } from '../blocks/tickets/ticket-card.js';

/**
 * A card must not be lost to a burst of 429s (Slack allows about one message per second per channel):
 * beyond WebClient's own retries, keep trying with a growing pause. The reminder pass posts any card
 * that is still missing after that.
 */
async function persist<T>(attempt: () => Promise<T>, tries = 6, firstPauseMs = 1000): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, firstPauseMs * 2 ** (i - 1)));
    }
  }
}

/** DM threads the bot started with a requester, so their replies find the ticket (kept 90 days). */
const dmThreadTtlMs = 90 * 24 * 60 * 60 * 1000;

export interface TicketNotifier {
  /** Posts the ticket's card in its queue's triage channel (once) and remembers where it is. */
  postCard(ticket: Ticket): Promise<void>;
  /** Re-renders the card in place after a change. */
  refreshCard(ticket: Ticket): Promise<void>;
  postInCardThread(ticket: Ticket, text: string): Promise<void>;
  /** A DM to the requester in the ticket's own DM thread; their replies there come back to the ticket. */
  dmRequester(ticket: Ticket, text: string, blocks?: unknown[]): Promise<void>;
  /** The ticket a requester's DM reply belongs to, if it is in one of our ticket threads. */
  ticketForDmThread(channel: string, threadTs: string): Promise<string | undefined>;
}

/**
 * Everything the bot tells people about a ticket goes through here. Failures are logged, never thrown:
 * the ticket is already committed, and a card that fails to post is retried by WebClient's own 429/5xx
 * policy first. Nothing here shows patient identifiers (summaries redacted, accession masked).
 */
export function createTicketNotifier(deps: {
  client: WebClient;
  store: TicketStore;
  state: StateStore;
  /** The triage channel (one for all, or the ticket's queue's); undefined: cards are off for it. */
  triageChannel?: string | ((ticket: Ticket) => string | undefined);
  logger: Logger;
  now: Clock;
}): TicketNotifier {
  const { client, store, state, logger } = deps;
  const warn = (ticket: Ticket, what: string) => (error: unknown) =>
    logger.warn({ ticket: ticket.key, err: (error as Error).message }, `could not ${what}`);

  async function dmThreadFor(ticket: Ticket): Promise<{ channel: string; ts?: string }> {
    const channel = (await client.conversations.open({ users: ticket.requesterId })).channel?.id ?? ticket.requesterId;
    const ts = await state.get<string>(`ticket-dm:${ticket.key}`);
    return { channel, ts: ts ?? undefined };
  }

  return {
    async postCard(ticket) {
      const channel = typeof deps.triageChannel === 'function' ? deps.triageChannel(ticket) : deps.triageChannel;
      if (!channel || ticket.card) return;
      const card = buildTicketCard(ticket, new Date(deps.now()));
      const posted = await persist(() =>
        client.chat.postMessage({ channel, ...card, unfurl_links: false, unfurl_media: false }),
      ).catch(warn(ticket, 'post the triage card'));
      if (posted?.ts) await store.setCard(ticket.key, { channel, ts: posted.ts });
    },
    async refreshCard(ticket) {
      if (!ticket.card) return;
      const { channel, ts } = ticket.card;
      await persist(() => client.chat.update({ channel, ts, ...buildTicketCard(ticket, new Date(deps.now())) })).catch(
        warn(ticket, 'update the triage card'),
      );
    },
    async postInCardThread(ticket, text) {
      if (!ticket.card) return;
      await client.chat
        .postMessage({ channel: ticket.card.channel, thread_ts: ticket.card.ts, text, unfurl_links: false })
        .catch(warn(ticket, 'post in the card thread'));
    },
    async dmRequester(ticket, text, blocks) {
      try {
        const thread = await dmThreadFor(ticket);
        if (!thread.ts) {
          const head = await client.chat.postMessage({
            channel: thread.channel,
            text: `Your PACS ticket *${ticket.key}*: ${safeSummary(ticket)} (${statusLabels[ticket.status]}). Reply in this thread to add to it.`,
          });
          if (!head.ts) return;
          thread.ts = head.ts;
          await state.set(`ticket-dm:${ticket.key}`, head.ts, dmThreadTtlMs);
          await state.set(`dm-thread:${thread.channel}:${head.ts}`, ticket.key, dmThreadTtlMs);
        }
        await client.chat.postMessage({
          channel: thread.channel,
          thread_ts: thread.ts,
          text,
          ...(blocks ? { blocks } : {}),
          unfurl_links: false,
        });
      } catch (error) {
        warn(ticket, 'message the requester')(error);
      }
    },
    async ticketForDmThread(channel, threadTs) {
      return (await state.get<string>(`dm-thread:${channel}:${threadTs}`)) ?? undefined;
    },
  };
}
