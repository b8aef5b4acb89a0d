import type { Generated, Kysely } from 'kysely';
import type { Logger } from '../../core/logger.js';
import type { AppDatabase } from '../../db/create-database.js';
import type { DatabaseSchema } from '../../db/schema.js';

export const IncidentSource = { Pacs: 'pacs', Interfaces: 'interfaces' } as const;
export type IncidentSource = (typeof IncidentSource)[keyof typeof IncidentSource];

export interface IncidentLogTable {
  id: Generated<number>;
  key: string;
  summary: string;
  source: IncidentSource;
  opened_at: string;
  recovered_at: string | null;
}

/** An incident as logged: `openedAt` is the monitor's `since`, `recoveredAt` is undefined while it is open. */
export interface IncidentRecord {
  key: string;
  summary: string;
  source: IncidentSource;
  openedAt: string;
  recoveredAt?: string;
}

/** The durable history of monitor incidents (migration 009); the open ones also live in the state store. */
export interface IncidentLog {
  opened(incident: { key: string; summary: string; source: IncidentSource; openedAt: string }): Promise<void>;
  recovered(incident: {
    key: string;
    summary: string;
    source: IncidentSource;
    openedAt: string;
    recoveredAt: string;
  }): Promise<void>;
  /** Incidents open at any time in [since, until): opened before `until`, not recovered before `since`. */
  openDuring(period: { since: string; until: string }): Promise<IncidentRecord[]>;
}

type IncidentLogDb = Kysely<DatabaseSchema & { incident_log: IncidentLogTable }>;

/**
 * The incident log over the bot's database. Writing the same opening twice keeps one row; a recovery of an
 * incident that opened before the log existed writes the whole row.
 *
 * @example await createIncidentLog(database).openDuring({ since: '2026-03-02T00:00:00Z', until: '2026-03-09T00:00:00Z' })
 */
export function createIncidentLog(database: AppDatabase): IncidentLog {
  const db: IncidentLogDb = database.db.withTables<{ incident_log: IncidentLogTable }>();
  const insert = (row: Omit<IncidentLogTable, 'id'>) =>
    db
      .insertInto('incident_log')
      .values(row)
      .onConflict((oc) => oc.columns(['key', 'opened_at']).doNothing())
      .execute();
  return {
    async opened(i) {
      await insert({ key: i.key, summary: i.summary, source: i.source, opened_at: i.openedAt, recovered_at: null });
    },
    async recovered(i) {
      const result = await db
        .updateTable('incident_log')
        .set({ recovered_at: i.recoveredAt })
        .where('key', '=', i.key)
        .where('opened_at', '=', i.openedAt)
        .where('recovered_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return;
      await insert({
        key: i.key,
        summary: i.summary,
        source: i.source,
        opened_at: i.openedAt,
        recovered_at: i.recoveredAt,
      });
    },
    async openDuring(period) {
      const rows = await db
        .selectFrom('incident_log')
        .select(['key', 'summary', 'source', 'opened_at', 'recovered_at'])
        .where('opened_at', '<', period.until)
        .where((eb) => eb.or([eb('recovered_at', 'is', null), eb('recovered_at', '>=', period.since)]))
        .orderBy('opened_at')
        .orderBy('key')
        .execute();
      return rows.map((r) => ({
        key: r.key,
        summary: r.summary,
        source: r.source,
        openedAt: r.opened_at,
        ...(r.recovered_at === null ? {} : { recoveredAt: r.recovered_at }),
      }));
    },
  };
}

/** What the claimed monitor calls once it has won a transition. */
export interface IncidentRecorder {
  opened(key: string, value: { since: string; summary: string }): Promise<void>;
  recovered(key: string, value: { since: string; summary: string }, recoveredAt: string): Promise<void>;
}

/**
 * The log as one monitor writes to it: a failed write is logged (the key and error only, no summary) and
 * swallowed, so the monitor keeps announcing incidents when the database is down.
 */
export function incidentRecorder(log: IncidentLog, source: IncidentSource, logger: Logger): IncidentRecorder {
  const safely = async (key: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      logger.warn({ err: (error as Error).message, key, source }, 'incident log write failed');
    }
  };
  return {
    opened: (key, v) => safely(key, () => log.opened({ key, summary: v.summary, source, openedAt: v.since })),
    recovered: (key, v, recoveredAt) =>
      safely(key, () => log.recovered({ key, summary: v.summary, source, openedAt: v.since, recoveredAt })),
  };
}
