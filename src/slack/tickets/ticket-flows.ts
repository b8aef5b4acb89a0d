import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/logger.js';
import type { ChangeResult, TicketStore } from '../../tickets/store-types.js';
import type { TicketInput } from '../../tickets/ticket-input.js';
import { type QueueRouting, routeNewTicket } from '../../tickets/ticket-queues.js';
import type { Ticket } from '../../tickets/types.js';
import { safeSummary, statusLabels } from '../blocks/tickets/ticket-card.js';
import { escapeSlack } from '../format/escape.js';
import type { TicketNotifier } from './ticket-notifier.js';

export interface TicketOriginRef {
  channel?: string;
  ts?: string;
  permalink?: string;
}

export interface TicketFlows {
  /** Stores the ticket only: fast enough to finish inside Slack's 3-second window. */
  create(input: TicketInput, requesterId: string, actorId: string, origin?: TicketOriginRef): Promise<Ticket>;
  /** Tells everyone about a stored ticket: triage card, requester DM, a note in the thread it came from. */
  announce(ticket: Ticket, origin?: TicketOriginRef): Promise<Ticket>;
  /** After a store change: refresh the card, and DM the requester `tell` when given. */
  changed(result: ChangeResult, tell?: (ticket: Ticket) => string): Promise<void>;
}

/** The requester's DM on a status change, with the associate's note quoted when there is one. */
export function statusMessage(note?: string) {
  return (ticket: Ticket) => {
    const line = `Your ticket *${ticket.key}* is now *${statusLabels[ticket.status]}*.`;
    return note ? `${line}\n>${escapeSlack(note).replace(/\n/g, '\n>')}` : line;
  };
}

export function createTicketFlows(deps: {
  store: TicketStore;
  notifier: TicketNotifier;
  client: WebClient;
  logger: Logger;
  /** The queues a new ticket is routed through (by channel, category, site); absent: the default queue. */
  routing?: QueueRouting;
}): TicketFlows {
  const { store, notifier, client, logger } = deps;
  return {
    async create(input, requesterId, actorId, origin = {}) {
      const source = origin.channel
        ? { channel: origin.channel, ts: origin.ts, permalink: origin.permalink }
        : undefined;
      const queue = deps.routing
        ? routeNewTicket(deps.routing, { channelId: origin.channel, category: input.category, site: input.site })
        : undefined;
      const created = await store.create(
        { ...input, requesterId, source, ...(queue ? { queue: queue.id } : {}) },
        actorId,
        queue?.slaMinutes,
      );
      logger.info(
        { ticket: created.key, category: created.category, urgency: created.urgency, queue: created.queue },
        'ticket opened',
      );
      return created;
    },
    async announce(created, origin = {}) {
      const requesterId = created.requesterId;
      await notifier.postCard(created);
      const ticket = (await store.get(created.key)) ?? created;
      await notifier.dmRequester(ticket, `We have your ticket *${ticket.key}*. The PACS team will update you here.`);
      if (origin.channel && origin.ts && !origin.channel.startsWith('D')) {
        await client.chat
          .postMessage({
            channel: origin.channel,
            thread_ts: origin.ts,
            text: `🎫 Ticket *${ticket.key}* opened for <@${requesterId}>: ${safeSummary(ticket)}. The PACS team will follow up.`,
          })
          .catch((error: unknown) =>
            logger.warn({ ticket: ticket.key, err: (error as Error).message }, 'could not reply in the source thread'),
          );
      }
      return ticket;
    },
    async changed(result, tell) {
      if (!result.ok || !result.changed) return;
      await notifier.refreshCard(result.ticket);
      if (tell) await notifier.dmRequester(result.ticket, tell(result.ticket));
    },
  };
}
