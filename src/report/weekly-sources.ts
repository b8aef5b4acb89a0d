import type { ChannelDirectory } from '../channels/channel-directory.js';
import type { Ticket } from '../tickets/types.js';
import { summarizeQueues } from './queue-stats.js';
import { noDeflection, noGaps, noIncidents, type WeeklySources } from './weekly-report.js';

/** Tickets created this long before the period still count when they are resolved in it. */
const lookbackMs = 90 * 24 * 3600_000;

export interface WeeklySourceDeps {
  tickets: { listCreatedSince(since?: string): Promise<Ticket[]> };
  channels: Pick<ChannelDirectory, 'queues'>;
  /** Defaults give zeros / nothing until the deflection, gaps and incident modules are plugged in. */
  deflection?: WeeklySources['deflection'];
  gaps?: WeeklySources['gaps'];
  incidents?: WeeklySources['incidents'];
}

/**
 * The report's sources over the ticket store and the channel directory.
 *
 * @example createWeeklySources({ tickets: store, channels: core.channels, deflection: (p) => deflectionSummary(db, p) })
 */
export function createWeeklySources(deps: WeeklySourceDeps): WeeklySources {
  return {
    tickets: async (period) =>
      summarizeQueues(
        await deps.tickets.listCreatedSince(new Date(period.since.getTime() - lookbackMs).toISOString()),
        period,
      ),
    deflection: deps.deflection ?? noDeflection,
    gaps: deps.gaps ?? noGaps,
    incidents: deps.incidents ?? noIncidents,
    queues: () => deps.channels.queues(),
  };
}
