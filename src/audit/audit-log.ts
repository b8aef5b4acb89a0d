import { type Clock, systemClock } from '../core/clock.js';
import { BotError, ErrorCode } from '../core/errors.js';
import type { AppDatabase } from '../db/create-database.js';
import { Dialect } from '../db/dialect.js';
import type { AuditLogTable } from '../db/schema.js';
import type { AuditEventInput, AuditRecord } from './audit-events.js';
import { hashRow, toRow } from './audit-hash.js';
import { type AuditVerification, verifyAuditChain } from './audit-verify.js';

export interface AuditListOptions {
  /** Inclusive lower bound on `recordedAt` (ISO 8601 UTC or Date). */
  since?: string | Date;
  /** Exclusive upper bound on `recordedAt`. */
  until?: string | Date;
  limit?: number;
}

/**
 * Where audit events are written: the log itself (every append stores a record or throws), or a best-effort view of
 * it for work that may go on without a trail, whose append resolves to undefined when nothing could be stored.
 */
export interface AuditWriter {
  append(event: AuditEventInput): Promise<AuditRecord | undefined>;
}

/** The bot's audit trail: append-only, hash-chained, in the bot's own database. */
export interface AuditLog extends AuditWriter {
  /** Writes one record; throws a `BotError` with code `audit_unavailable` if it cannot, so callers fail closed. */
  append(event: AuditEventInput): Promise<AuditRecord>;
  /** Records in chain order, optionally within `[since, until)`. */
  list(options?: AuditListOptions): Promise<AuditRecord[]>;
  /** Recomputes every hash and link; reports the first record that does not check out. */
  verify(): Promise<AuditVerification>;
}

export interface AuditLogOptions {
  /** Stamps `recordedAt` (default: the system clock). */
  now?: Clock;
  /** PostgreSQL: how long an append waits for the chain lock or a statement before failing closed. */
  lockTimeoutMs?: number;
}

/** True when `error` is the fail-closed error thrown by `AuditLog.append`. */
export function isAuditUnavailable(error: unknown): error is BotError {
  return error instanceof BotError && error.code === ErrorCode.AuditUnavailable;
}

function auditUnavailable(cause: unknown): BotError {
  return new BotError(ErrorCode.AuditUnavailable, 'audit record could not be written', { cause });
}

/** Maps a stored row back to a record. */
export function fromRow(row: AuditLogTable): AuditRecord {
  const query: AuditRecord['query'] = row.query === null ? null : JSON.parse(row.query);
  return {
    id: Number(row.id),
    recordedAt: row.recorded_at,
    eventId: row.event_id,
    eventMeaning: row.event_meaning,
    action: row.action as AuditRecord['action'],
    eventTypeCode: row.event_type_code,
    eventTypeMeaning: row.event_type_meaning,
    outcome: Number(row.outcome) as AuditRecord['outcome'],
    actorUserId: row.actor_user_id,
    actorTeamId: row.actor_team_id,
    agent: typeof query?.agent === 'string' ? query.agent : null,
    source: row.source as AuditRecord['source'],
    site: row.site,
    command: row.command,
    query,
    patientId: row.patient_id,
    studyUids: JSON.parse(row.study_uids),
    description: row.description,
    correlationId: row.correlation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function iso(value: string | Date): string {
  return typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();
}

/**
 * Opens the audit trail on the bot's database.
 *
 * @example
 * const audit = createAuditLog(database);
 * await audit.append({ event: 'Query', outcome: AuditOutcome.Success, actor: { userId: 'U1', teamId: 'T1' },
 *   source: 'slack', site: 'main', command: 'pacs.study', query: { accession: 'A123' }, description: 'study lookup', correlationId: 'Ev1' });
 */
export function createAuditLog(database: AppDatabase, options: AuditLogOptions = {}): AuditLog {
  const { db, dialect } = database;
  const now = options.now ?? systemClock;
  const lockTimeout = String(Math.max(1, Math.trunc(options.lockTimeoutMs ?? 5000)));

  async function append(event: AuditEventInput): Promise<AuditRecord> {
    try {
      return await db.transaction().execute(async (trx) => {
        if (dialect === Dialect.Postgres) {
          await trx
            .selectNoFrom((eb) => [
              eb.fn('set_config', [eb.val('lock_timeout'), eb.val(lockTimeout), eb.val(true)]).as('l'),
              eb.fn('set_config', [eb.val('statement_timeout'), eb.val(lockTimeout), eb.val(true)]).as('s'),
            ])
            .execute();
        }
        // A no-op update takes the write lock first (PostgreSQL row lock, SQLite RESERVED): one appender at a time.
        const head = await trx
          .updateTable('audit_head')
          .set((eb) => ({ seq: eb.ref('seq') }))
          .where('name', '=', 'audit')
          .returning(['seq', 'hash'])
          .executeTakeFirstOrThrow();
        const unhashed = { id: Number(head.seq) + 1, ...toRow(event, new Date(now())), prev_hash: head.hash };
        const row: AuditLogTable = { ...unhashed, hash: hashRow(unhashed) };
        await trx.insertInto('audit_log').values(row).execute();
        await trx.updateTable('audit_head').set({ seq: row.id, hash: row.hash }).where('name', '=', 'audit').execute();
        return fromRow(row);
      });
    } catch (error) {
      throw auditUnavailable(error);
    }
  }

  async function list(opts: AuditListOptions = {}): Promise<AuditRecord[]> {
    let query = db.selectFrom('audit_log').selectAll().orderBy('id');
    if (opts.since !== undefined) query = query.where('recorded_at', '>=', iso(opts.since));
    if (opts.until !== undefined) query = query.where('recorded_at', '<', iso(opts.until));
    if (opts.limit !== undefined) query = query.limit(opts.limit);
    return (await query.execute()).map(fromRow);
  }

  return { append, list, verify: () => verifyAuditChain(database) };
}
