import type { ChannelDirectory, Queue } from '../channels/channel-directory.js';
import type { SlaTargets, Ticket, TicketCategory } from './types.js';

/**
 * Where a ticket's queue does its work. Without `channels` (no CHANNELS_CONFIG wiring) every ticket is in the single
 * queue of `TRIAGE_CHANNEL` / `ONCALL_GROUP`; a queue that names no triage channel or on-call group uses those too.
 */
export interface QueueRouting {
  channels?: ChannelDirectory;
  triageChannel?: string;
  oncallGroup?: string;
}

/** The configured queue of a ticket; undefined when queues are not wired or the file no longer lists it. */
export function queueOf(r: QueueRouting, ticket: Pick<Ticket, 'queue'>): Queue | undefined {
  return r.channels?.queue(ticket.queue);
}

export function triageChannelFor(r: QueueRouting, ticket: Pick<Ticket, 'queue'>): string | undefined {
  return queueOf(r, ticket)?.triageChannel ?? r.triageChannel;
}

export function oncallGroupFor(r: QueueRouting, ticket: Pick<Ticket, 'queue'>): string | undefined {
  return queueOf(r, ticket)?.oncallGroup ?? r.oncallGroup;
}

export function slaFor(r: QueueRouting, ticket: Pick<Ticket, 'queue'>): SlaTargets | undefined {
  return queueOf(r, ticket)?.slaMinutes;
}

/** Every channel where ticket cards are posted (card threads take notes there). */
export function triageChannels(r: QueueRouting): Set<string> {
  const all = (r.channels?.queues() ?? []).flatMap((q) => (q.triageChannel ? [q.triageChannel] : []));
  return new Set(r.triageChannel ? [r.triageChannel, ...all] : all);
}

/**
 * The queue a new ticket goes to: by its channel, else its category, else its site (the one given in the ticket,
 * else the channel's PACS site). Undefined without queues wired: the store's default.
 *
 * @example routeNewTicket(ctx, { channelId: 'C0ED', category: 'hardware' })?.id // 'ed'
 */
export function routeNewTicket(
  r: QueueRouting,
  t: { channelId?: string; category?: TicketCategory; site?: string },
): Queue | undefined {
  if (!r.channels) return undefined;
  const site = t.site ?? (t.channelId ? r.channels.settingsFor(t.channelId).site : undefined);
  return r.channels.routeTicket({ channelId: t.channelId, category: t.category, site });
}
