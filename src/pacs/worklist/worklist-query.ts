import { validateAccession, validateMrn } from '../input/identifiers.js';
import { WorklistCause, type WorklistOutcome, type WorklistQuery } from './worklist-types.js';

/** AE titles we accept for a station query: no wildcards (`*`, `?`), no backslash, ≤16 (PS3.5 AE). */
const aeTitle = /^[A-Za-z0-9_.-]{1,16}$/;
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2024-01-15` → `20240115` if it is a real calendar day, else undefined. */
export function dicomDay(date: string): string | undefined {
  const m = isoDay.exec(date);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

/**
 * The query with its values normalised, or a safe message. Runs before any network call, so wildcards
 * and query syntax never reach the worklist provider (universal matching would list every patient).
 * @example checkWorklistQuery({ by: 'accession', accession: 'ACC*' }) → { ok: false, message: '…' }
 */
export function checkWorklistQuery(
  query: WorklistQuery,
): { ok: true; query: WorklistQuery } | { ok: false; message: string } {
  switch (query.by) {
    case 'accession': {
      const r = validateAccession(query.accession);
      return r.ok ? { ok: true, query: { by: 'accession', accession: r.value } } : { ok: false, message: r.message };
    }
    case 'patient': {
      const r = validateMrn(query.patientId);
      return r.ok ? { ok: true, query: { by: 'patient', patientId: r.value } } : { ok: false, message: r.message };
    }
    case 'station': {
      const stationAet = query.stationAet.trim().toUpperCase();
      if (!aeTitle.test(stationAet)) {
        return { ok: false, message: 'A station AE title may only contain letters, digits, _ . - (up to 16).' };
      }
      if (!dicomDay(query.date)) return { ok: false, message: 'Give the day as YYYY-MM-DD.' };
      return { ok: true, query: { by: 'station', stationAet, date: query.date } };
    }
    case 'scheduled': {
      const [from, to] = [dicomDay(query.from), dicomDay(query.to)];
      if (!from || !to) return { ok: false, message: 'Give the days as YYYY-MM-DD.' };
      const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
      if (days < 1 || days > maxScheduledDays) {
        return { ok: false, message: `Give a span of 1 to ${maxScheduledDays} days, the first day first.` };
      }
      return { ok: true, query: { by: 'scheduled', from: query.from, to: query.to } };
    }
  }
}

/** The longest span a `scheduled` query may ask for (a sweep's 31 days and a margin). */
export const maxScheduledDays = 62;

/**
 * The DICOM date range of a checked `scheduled` query, for (0040,0002) range matching.
 * @example scheduledRange({ by: 'scheduled', from: '2026-11-30', to: '2026-12-02' }) → '20261130-20261202'
 */
export function scheduledRange(query: { from: string; to: string }): string {
  return `${dicomDay(query.from) ?? ''}-${dicomDay(query.to) ?? ''}`;
}

/** The outcome of a query refused before any network call. */
export function badInput(message: string): WorklistOutcome {
  return { ok: false, items: [], cause: WorklistCause.BadInput, ms: 0, detail: message };
}

/** DA + TM → `YYYY-MM-DDTHH:MM` (`YYYY-MM-DD` without a usable time). Accepts `HHMMSS.ffffff`, `HHMM`, `HH`, and the old `HH:MM:SS`. */
export function isoStart(da: string | undefined, tm: string | undefined): string | undefined {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(da?.trim() ?? '');
  if (!d) return undefined;
  const day = `${d[1]}-${d[2]}-${d[3]}`;
  const t = /^(\d{2}):?(\d{2})?/.exec(tm?.trim() ?? '');
  if (!t) return day;
  const hh = Number(t[1]);
  const mm = Number(t[2] ?? '0');
  if (hh > 23 || mm > 59) return day;
  return `${day}T${t[1]}:${t[2] ?? '00'}`;
}
