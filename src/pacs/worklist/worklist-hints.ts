import type { Clock } from '../../core/clock.js';
import type { WorklistItem } from './worklist-types.js';

/** Who is asking: today's local day, and optionally the scanner that does not see the item. */
export interface HintContext {
  /** `YYYY-MM-DD`, local (see `localDay`). */
  today: string;
  stationAet?: string;
  modality?: string;
}

export const noItemHint =
  'no worklist item: the order did not reach the worklist — check the RIS order and the HL7 interface';

/**
 * Why a step status hides an item. PS3.3 C.4.10 defines SCHEDULED, ARRIVED, READY, STARTED and DEPARTED
 * for (0040,0020); COMPLETED, DISCONTINUED and CANCELED are not standard values but RIS/archives
 * (dcm4chee-arc among them) set them when the MPPS ends or the order is cancelled. SCHEDULED and READY
 * show everywhere, so they have no hint.
 */
const statusHints: Record<string, string> = {
  ARRIVED:
    'step status ARRIVED (patient available): most scanners show it, but a scanner whose worklist filter asks for SCHEDULED only will not',
  STARTED:
    'step status STARTED: a performed procedure step (MPPS) already references it — scanners that list only SCHEDULED steps hide it; another scanner may have started it',
  DEPARTED:
    'step status DEPARTED: the patient is no longer available for this step, so scanners do not offer it — the RIS must reschedule it',
  COMPLETED:
    'step status COMPLETED (the exam was performed): scanners never list it — to scan again, the RIS needs a new or reopened order',
  DISCONTINUED:
    'step status DISCONTINUED (the exam was stopped part way): scanners do not list it — the RIS must reschedule it',
  CANCELED:
    'step status CANCELED: the order was cancelled in the RIS, so no scanner lists it — check with the RIS whether it was meant',
};
statusHints.CANCELLED = statusHints.CANCELED as string;

/** The local calendar day of an epoch time. @example localDay(clock) → '2026-12-01' */
export function localDay(now: Clock | number): string {
  const d = new Date(typeof now === 'number' ? now : now());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dayHint(item: WorklistItem, today: string): string | undefined {
  const [day, time] = (item.scheduledStart ?? '').split('T');
  if (!day) return 'no scheduled date on the step: scanners that list only today’s work will not show it';
  if (day === today) return undefined;
  const at = time ? ` at ${time}` : '';
  if (day === addDays(today, 1)) return `booked for tomorrow (${day}${at}): scanners usually list only today’s work`;
  if (day > today) return `booked for ${day}${at}: scanners usually list only today’s work`;
  return `booked for ${day}${at}, a day already past: scanners usually list only today’s work — ask the RIS to reschedule`;
}

function placeHints(item: WorklistItem, ctx: HintContext): string[] {
  const hints: string[] = [];
  const aet = item.scheduledStationAet;
  if (ctx.stationAet && aet && aet.toUpperCase() !== ctx.stationAet.toUpperCase()) {
    const name = item.scheduledStationName ? ` (${item.scheduledStationName})` : '';
    hints.push(
      `scheduled on station ${aet}${name}, not ${ctx.stationAet.toUpperCase()}: it shows on that station’s worklist — move it in the RIS, or query without the station filter`,
    );
  }
  const modality = item.modality;
  if (ctx.modality && modality && modality.toUpperCase() !== ctx.modality.toUpperCase()) {
    hints.push(
      `scheduled as ${modality}, not ${ctx.modality.toUpperCase()}: a scanner that asks for its own modality will not see it`,
    );
  }
  return hints;
}

/**
 * Plain-language reasons an order is not on the scanner, from the items a lookup found. No patient data:
 * only dates, times, stations, modalities and statuses. Duplicates are dropped, order is stable.
 * @example worklistHints([], { today: '2026-12-01' }) → [noItemHint]
 */
export function worklistHints(items: readonly WorklistItem[], ctx: HintContext): string[] {
  if (items.length === 0) return [noItemHint];
  const hints: string[] = [];
  const byAccession = new Map<string, number>();
  for (const item of items) {
    if (item.accession) byAccession.set(item.accession, (byAccession.get(item.accession) ?? 0) + 1);
  }
  const repeated = [...byAccession.values()].filter((n) => n > 1);
  for (const n of repeated) {
    hints.push(
      `${n} worklist items for one accession (several steps, or the order was sent twice): the scanner may list it more than once — check the RIS for a duplicate order`,
    );
  }
  for (const item of items) {
    const day = dayHint(item, ctx.today);
    if (day) hints.push(day);
    hints.push(...placeHints(item, ctx));
    const status = statusHints[item.status ?? ''];
    if (status) hints.push(status);
  }
  return [...new Set(hints)];
}

export interface StationSummary {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Items scheduled that day. */
  count: number;
  /** `HH:MM` of the latest item that day, if any has a time. */
  latestStart?: string;
  /** One line, no patient data. */
  text: string;
}

/**
 * How many items a station has for a day and when the latest starts; no patient list.
 * @example stationSummary([], '2026-12-01').text → 'the whole worklist is empty for 2026-12-01: …'
 */
export function stationSummary(items: readonly WorklistItem[], date: string): StationSummary {
  const ofDay = items.filter((i) => i.scheduledStart?.slice(0, 10) === date);
  const times = ofDay.map((i) => i.scheduledStart?.slice(11)).filter((t): t is string => !!t);
  const latestStart = times.sort().at(-1);
  const count = ofDay.length;
  if (count === 0) {
    return {
      date,
      count,
      text: `the whole worklist is empty for ${date}: no order reached it — check the RIS and the HL7 interface`,
    };
  }
  const latest = latestStart ? `, the latest at ${latestStart}` : '';
  return { date, count, latestStart, text: `${count} item${count === 1 ? '' : 's'} on ${date}${latest}` };
}
