import { createHash } from 'node:crypto';
import { redactPhi } from '../core/phi-redact.js';
import type { AuditLogTable } from '../db/schema.js';
import { AuditEvent, type AuditEventInput, AuditEventType, type AuditQuery } from './audit-events.js';

/** `prev_hash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Longest stored free-text value; a 10 kB argument is kept as its start plus a marker, never stored whole. */
const MAX_TEXT = 1024;

// Controls (C0, DEL, C1), format characters (bidi overrides, zero-width) and line/paragraph separators:
// log injection and Trojan Source.
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * Makes a free-text value safe to store and show on one line (OWASP logging: user input can never forge a line): CR, LF, tab and
 * every other control or bidi character become visible escapes (`\r`, `\n`, `\u{202e}`), and long values are cut.
 *
 * @example neutralise('ok\r\n2026-01-01 INFO fake') // 'ok\\r\\n2026-01-01 INFO fake'
 */
export function neutralise(value: string): string {
  const escaped = value.replace(UNSAFE, (c) => {
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;
  });
  return escaped.length > MAX_TEXT
    ? `${escaped.slice(0, MAX_TEXT)}…[${escaped.length - MAX_TEXT} more chars]`
    : escaped;
}

function optional(value: string | undefined): string | null {
  return value === undefined ? null : neutralise(value);
}

function neutraliseQuery(query: AuditQuery | undefined): string | null {
  if (!query) return null;
  const entries = Object.entries(query)
    .map(([key, value]) => [neutralise(key), typeof value === 'string' ? neutralise(value) : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/** A row without its chain fields: every free-text value neutralised, the description redacted as well. */
export type UnchainedRow = Omit<AuditLogTable, 'id' | 'prev_hash' | 'hash'>;

/** Turns an event into the row to store, at `recordedAt`. */
export function toRow(event: AuditEventInput, recordedAt: Date): UnchainedRow {
  const meta = AuditEvent[event.event];
  const type = event.type ? AuditEventType[event.type] : undefined;
  return {
    recorded_at: recordedAt.toISOString(),
    event_id: meta.id,
    event_meaning: meta.meaning,
    action: meta.action,
    event_type_code: type ? `${type.scheme}:${type.code}` : null,
    event_type_meaning: type?.meaning ?? null,
    outcome: event.outcome,
    actor_user_id: neutralise(event.actor.userId),
    actor_team_id: optional(event.actor.teamId),
    source: event.source,
    site: optional(event.site),
    command: optional(event.command),
    query: neutraliseQuery(event.actor.agent ? { ...event.query, agent: event.actor.agent } : event.query),
    patient_id: optional(event.patientId),
    study_uids: JSON.stringify((event.studyUids ?? []).map(neutralise)),
    // Descriptions are PHI-free by contract; redaction catches a caller who slipped.
    description: neutralise(redactPhi(event.description)),
    correlation_id: optional(event.correlationId),
  };
}

/** Canonical JSON: keys sorted, no whitespace; values exactly as stored in the database. */
export function canonicalJson(row: Record<string, string | number | null>): string {
  const keys = Object.keys(row).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(row[k] ?? null)}`).join(',')}}`;
}

/** sha256 (hex) over the canonical JSON of the row (its chain position and `prev_hash` included). */
export function hashRow(row: Omit<AuditLogTable, 'hash'>): string {
  return createHash('sha256')
    .update(canonicalJson({ ...row }), 'utf8')
    .digest('hex');
}
