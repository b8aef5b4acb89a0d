import type { IncidentLog } from '../pacs/monitors/incident-log.js';
import type { IncidentEntry, Period } from './weekly-report.js';

/**
 * The weekly report's PACS incidents: every logged incident open at some point in the period, oldest first;
 * `until` is its recovery time, absent while it is still open.
 *
 * @example createWeeklySources({ tickets, channels, incidents: incidentSource(createIncidentLog(database)) })
 */
export function incidentSource(log: Pick<IncidentLog, 'openDuring'>): (period: Period) => Promise<IncidentEntry[]> {
  return async (period) => {
    const rows = await log.openDuring({ since: period.since.toISOString(), until: period.until.toISOString() });
    return rows.map((r) => ({
      key: r.key,
      summary: r.summary,
      since: r.openedAt,
      ...(r.recoveredAt === undefined ? {} : { until: r.recoveredAt }),
    }));
  };
}
