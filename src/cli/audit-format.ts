import { AuditOutcome, type AuditRecord } from '../audit/audit-events.js';
import type { AuditVerification } from '../audit/audit-verify.js';

const outcomeLabel: Record<number, string> = {
  [AuditOutcome.Success]: 'ok',
  [AuditOutcome.MinorFailure]: 'minor',
  [AuditOutcome.SeriousFailure]: 'serious',
  [AuditOutcome.MajorFailure]: 'major',
};

/**
 * One aligned line per record, for people. Free text was neutralised when stored, so each record stays on one line.
 * Patient ids and query parameters are printed: `audit export` is the protected review path for them.
 */
export function formatAuditTable(records: readonly AuditRecord[]): string {
  if (records.length === 0) return 'No audit records.\n';
  const header = `${'#'.padEnd(6)} ${'recorded (UTC)'.padEnd(24)} ${'event'.padEnd(30)} ${'outcome'.padEnd(9)} ${'actor'.padEnd(24)} ${'source'.padEnd(8)} ${'site'.padEnd(10)} ${'command'.padEnd(16)} details\n`;
  return (
    header +
    records
      .map((r) => {
        const event = `${r.eventId} ${r.eventMeaning}${r.eventTypeMeaning ? ` / ${r.eventTypeMeaning}` : ''}`;
        const person = r.actorTeamId ? `${r.actorTeamId}:${r.actorUserId}` : r.actorUserId;
        const actor = r.agent ? `${person} via ${r.agent}` : person;
        const details = [
          r.description,
          r.query ? `query=${JSON.stringify(r.query)}` : '',
          r.patientId ? `patient=${r.patientId}` : '',
          r.studyUids.length > 0 ? `studies=${r.studyUids.join(',')}` : '',
          r.correlationId ? `ref=${r.correlationId}` : '',
        ].filter(Boolean);
        return `${String(r.id).padEnd(6)} ${r.recordedAt.padEnd(24)} ${event.padEnd(30)} ${`${r.outcome} ${outcomeLabel[r.outcome] ?? ''}`.padEnd(9)} ${actor.padEnd(24)} ${r.source.padEnd(8)} ${(r.site ?? '-').padEnd(10)} ${(r.command ?? '-').padEnd(16)} ${details.join('  ')}\n`;
      })
      .join('')
  );
}

/** `chain intact: N records` or where and why the chain breaks. */
export function formatVerification(result: AuditVerification): string {
  if (result.ok) return `chain intact: ${result.count} records (head ${result.headHash})\n`;
  return `chain broken at record ${result.brokenAt}: ${result.reason} (${result.count} records check out before it)\n`;
}
