import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Queue } from '../../../channels/channel-directory.js';
import { canTriage } from '../../../core/roles.js';
import { openStatuses } from '../../../tickets/types.js';
import { buildKbGapsSection } from '../../blocks/home/kb-gaps-section.js';
import { buildHomeView } from '../../blocks/home-blocks.js';
import { buildHomeQueueBlocks } from '../../blocks/tickets/home-queues.js';
import { buildTicketListBlocks, queueOrder } from '../../blocks/tickets/ticket-list.js';
import type { SlackDeps } from '../../deps.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/** On-call group members are read at most this often per group (usergroups.users.list is Tier 2). */
const membersTtlMs = 60_000;

/**
 * Publishes the Home tab each time someone opens it: how to ask, the knowledge base's figures and, with
 * tickets on, the queue (associates: by SLA breach, urgency, age; with several queues, theirs first) or the
 * person's own tickets.
 */
export function registerAppHomeOpened(
  app: App,
  deps: Pick<SlackDeps, 'home' | 'tickets' | 'channels' | 'kbGaps' | 'logger'>,
): void {
  const members = groupMembers(deps.tickets?.now ?? Date.now);
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const blocks = deps.tickets
      ? await ticketSections(deps.tickets, event.user, (queues) => theirQueues(queues, event.user, client, members))
      : [];
    blocks.push(...(await gapsSection(deps, event.user)));
    await client.views.publish({ user_id: event.user, view: buildHomeView(deps.home(), blocks) });
  });
}

async function ticketSections(
  ctx: TicketContext,
  userId: string,
  mineOf: (queues: readonly Queue[]) => Promise<Queue[]>,
): Promise<KnownBlock[]> {
  const now = new Date(ctx.now());
  if (canTriage(await ctx.roles.roleOf(userId))) {
    const open = queueOrder(await ctx.store.list({ status: openStatuses }), now);
    const mine = open.filter((t) => t.assigneeId === userId);
    const queues = ctx.channels?.queues() ?? [];
    // One queue (no CHANNELS_CONFIG queues): the open queue below is already it.
    const theirs = queues.length > 1 ? await mineOf(queues) : [];
    const perQueue = await Promise.all(
      theirs.map(async (queue) => ({
        queue,
        open: await ctx.store.list({ status: openStatuses, queue: queue.id, limit: 1000 }),
      })),
    );
    return [
      ...buildHomeQueueBlocks(perQueue, now),
      ...buildTicketListBlocks(`Open queue (${open.length})`, open, now, 10),
      ...buildTicketListBlocks('Assigned to you', mine, now, 10),
    ];
  }
  return buildTicketListBlocks('Your tickets', await ctx.store.list({ requesterId: userId, limit: 10 }), now, 10);
}

/** KB owners see the biggest gaps; a failure to read them leaves the section out (the rest of Home still shows). */
async function gapsSection(deps: Pick<SlackDeps, 'kbGaps' | 'logger'>, userId: string): Promise<KnownBlock[]> {
  const gaps = deps.kbGaps;
  if (!gaps || !(await gaps.isOwner(userId))) return [];
  try {
    return buildKbGapsSection(await gaps.top(), { days: gaps.days });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message }, 'App Home: KB gaps unavailable');
    return [];
  }
}

type Members = (client: WebClient, groupId: string) => Promise<Set<string>>;

/** A queue is someone's when they are in its on-call group; a queue without one is every associate's. */
async function theirQueues(queues: readonly Queue[], userId: string, client: WebClient, members: Members) {
  const checks = await Promise.all(
    queues.map(async (q) => !q.oncallGroup || (await members(client, q.oncallGroup)).has(userId)),
  );
  return queues.filter((_, i) => checks[i]);
}

/** Cached group members; a group Slack cannot list has no members (its queue is then not shown as theirs). */
function groupMembers(now: () => number): Members {
  const cache = new Map<string, { at: number; members: Promise<Set<string>> }>();
  return (client, groupId) => {
    const hit = cache.get(groupId);
    if (hit && now() - hit.at < membersTtlMs) return hit.members;
    const members = client.usergroups.users
      .list({ usergroup: groupId })
      .then((r) => new Set(r.users ?? []))
      .catch(() => {
        cache.delete(groupId);
        return new Set<string>();
      });
    cache.set(groupId, { at: now(), members });
    return members;
  };
}
