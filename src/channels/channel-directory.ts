import type { TicketCategory } from '../tickets/types.js';
import {
  AnswerMode,
  type ChannelsFile,
  type KbScope,
  PacsChecksIn,
  type QueueEntry,
  Visibility,
} from './channels-file.js';

/** What one channel does, every field resolved (the channel's own, else `defaults`, else built-in). */
export interface ChannelSettings {
  channelId: string;
  /** Whether the channel is listed in the file (else it runs on the defaults). */
  listed: boolean;
  name?: string;
  answer: AnswerMode;
  visibility: Visibility;
  kb: KbScope;
  queue: string;
  /** The PACS site its checks use when none is named; undefined: the first configured site. */
  site?: string;
  pacsChecks: PacsChecksIn;
  shared: boolean;
}

/** One ticket queue, every field resolved. The `default` queue is made from `TRIAGE_CHANNEL`, `ONCALL_GROUP`, `SLA_*`. */
export interface Queue {
  id: string;
  name: string;
  triageChannel?: string;
  oncallGroup?: string;
  categories: readonly TicketCategory[];
  sites: readonly string[];
  slaMinutes: { stat: number; urgent: number; routine: number };
}

export const defaultQueueId = 'default';

/** The single-queue settings from the environment, which the `default` queue keeps. */
export interface DefaultQueueSettings {
  triageChannel?: string;
  oncallGroup?: string;
  slaMinutes: { stat: number; urgent: number; routine: number };
}

export interface ChannelDirectory {
  settingsFor(channelId: string | undefined): ChannelSettings;
  queues(): readonly Queue[];
  queue(id: string): Queue | undefined;
  /** The queue a ticket goes to: its channel's queue, else a queue listing its category, else its site, else default. */
  routeTicket(ticket: { channelId?: string; category?: TicketCategory; site?: string }): Queue;
  /** Swaps in a new, already validated file (a reload); the previous one stays if this throws. */
  replace(file: ChannelsFile): void;
}

const wholeKb: KbScope = { folders: [], tags: [], audience: [] };

function toQueue(entry: QueueEntry, fallback: DefaultQueueSettings): Queue {
  return {
    id: entry.id,
    name: entry.name ?? entry.id,
    triageChannel: entry.triageChannel,
    oncallGroup: entry.oncallGroup,
    categories: entry.categories,
    sites: entry.sites,
    slaMinutes: { ...fallback.slaMinutes, ...stripUndefined(entry.sla ?? {}) },
  };
}

const stripUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Settings per channel and the queues, from a validated `CHANNELS_CONFIG` (or none: every channel on the built-in
 * behaviour, one `default` queue from the environment).
 *
 * @example `createChannelDirectory(file, env).routeTicket({ channelId: 'C0ED' }).id` → `'ed'`
 */
export function createChannelDirectory(
  file: ChannelsFile | undefined,
  fallback: DefaultQueueSettings,
): ChannelDirectory {
  let current = index(file, fallback);
  return {
    settingsFor: (channelId) => current.settingsFor(channelId),
    queues: () => current.queues,
    queue: (id) => current.byId.get(id),
    routeTicket: (t) => current.route(t),
    replace: (next) => {
      current = index(next, fallback);
    },
  };
}

function index(file: ChannelsFile | undefined, fallback: DefaultQueueSettings) {
  const listed = file?.queues ?? [];
  const defaultEntry = listed.find((q) => q.id === defaultQueueId);
  const base: Queue = {
    id: defaultQueueId,
    name: defaultEntry?.name ?? 'Default',
    ...stripUndefined({ triageChannel: fallback.triageChannel, oncallGroup: fallback.oncallGroup }),
    categories: [],
    sites: [],
    slaMinutes: fallback.slaMinutes,
  };
  const defaultQueue = defaultEntry
    ? { ...base, ...toQueue(defaultEntry, fallback), ...keepEnv(defaultEntry, base) }
    : base;
  const queues = [defaultQueue, ...listed.filter((q) => q.id !== defaultQueueId).map((q) => toQueue(q, fallback))];
  const byId = new Map(queues.map((q) => [q.id, q]));
  const channels = new Map((file?.channels ?? []).map((c) => [c.id, c]));
  const defaults = file?.defaults ?? {};
  const settingsFor = (channelId: string | undefined): ChannelSettings => {
    const own = channelId ? channels.get(channelId) : undefined;
    const pick = <K extends keyof typeof defaults>(key: K) => own?.[key] ?? defaults[key];
    return {
      channelId: channelId ?? '',
      listed: own !== undefined,
      ...(own?.name ? { name: own.name } : {}),
      answer: pick('answer') ?? AnswerMode.Mention,
      visibility: pick('visibility') ?? Visibility.Thread,
      kb: pick('kb') ?? wholeKb,
      queue: pick('queue') ?? defaultQueueId,
      ...(pick('site') ? { site: pick('site') } : {}),
      pacsChecks: pick('pacsChecks') ?? PacsChecksIn.Associates,
      shared: pick('shared') ?? false,
    };
  };
  const route = (t: { channelId?: string; category?: TicketCategory; site?: string }): Queue => {
    const own = t.channelId ? channels.get(t.channelId)?.queue : undefined;
    const byChannel = own ? byId.get(own) : undefined;
    if (byChannel) return byChannel;
    const byCategory = t.category ? queues.find((q) => q.categories.includes(t.category as TicketCategory)) : undefined;
    if (byCategory) return byCategory;
    const bySite = t.site ? queues.find((q) => q.sites.includes(t.site as string)) : undefined;
    if (bySite) return bySite;
    const fromDefaults = defaults.queue ? byId.get(defaults.queue) : undefined;
    return fromDefaults ?? defaultQueue;
  };
  return { settingsFor, queues, byId, route };
}

/** A `default` entry in the file may rename it or route categories to it; env settings it leaves out still apply. */
function keepEnv(entry: QueueEntry, base: Queue): Partial<Queue> {
  return stripUndefined({
    triageChannel: entry.triageChannel ?? base.triageChannel,
    oncallGroup: entry.oncallGroup ?? base.oncallGroup,
  });
}
