/** A parsed five-field cron expression: the allowed values of each field. */
export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  /** Cron's rule: when both day fields are restricted, a day matching either one runs. */
  dayOr: boolean;
}

const ranges = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
] as const;

function field(text: string, [min, max]: readonly [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [lo, hi] =
      range === '*'
        ? [min, max]
        : range.includes('-')
          ? range.split('-').map(Number)
          : [Number(range), stepText ? max : Number(range)];
    if (
      ![lo, hi, step].every(Number.isInteger) ||
      lo === undefined ||
      hi === undefined ||
      step < 1 ||
      lo < min ||
      hi > max ||
      lo > hi
    )
      throw new Error(`cron field "${text}" is outside ${min}-${max}`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/**
 * Parses `minute hour day-of-month month day-of-week` (`*`, numbers, ranges, lists, steps; Sunday is 0 or 7).
 *
 * @example parseCron('0 8 * * 1').weekdays // Set {1}
 */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error('cron needs five fields');
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => field(p, ranges[i] ?? [0, 0]));
  if (!minutes || !hours || !days || !months || !weekdays) throw new Error('cron needs five fields');
  if (weekdays.has(7)) weekdays.add(0);
  return { minutes, hours, days, months, weekdays, dayOr: parts[2] !== '*' && parts[4] !== '*' };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.days.has(d.getDate());
  const dow = s.weekdays.has(d.getDay());
  return s.dayOr ? dom || dow : dom && dow;
}

/**
 * The first minute strictly after `after` that the schedule names, in the process's local time zone (set `TZ`).
 * It walks wall-clock minutes with local `Date` setters, so across DST: a time skipped in spring (02:30 on the
 * change night) does not run that day; a time repeated in autumn runs at its first occurrence only, because the
 * next candidate is always later than `after`. Searches up to about five years, then throws (e.g. `0 0 31 2 *`).
 *
 * @example nextRun(parseCron('0 8 * * 1'), new Date('2026-03-04T12:00')) // Monday 2026-03-09 08:00 local
 */
export function nextRun(s: CronSchedule, after: Date): Date {
  const t = new Date(after.getTime());
  t.setSeconds(0, 0);
  t.setMinutes(t.getMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 24 * 3600_000;
  while (t.getTime() <= limit) {
    if (!s.months.has(t.getMonth() + 1)) {
      t.setMonth(t.getMonth() + 1, 1);
      t.setHours(0, 0, 0, 0);
    } else if (!dayMatches(s, t)) {
      t.setDate(t.getDate() + 1);
      t.setHours(0, 0, 0, 0);
    } else if (!s.hours.has(t.getHours())) {
      t.setHours(t.getHours() + 1, 0, 0, 0);
    } else if (!s.minutes.has(t.getMinutes())) {
      t.setMinutes(t.getMinutes() + 1, 0, 0);
    } else if (t.getTime() > after.getTime()) {
      return t;
    } else {
      t.setMinutes(t.getMinutes() + 1, 0, 0);
    }
  }
  throw new Error('cron expression names no time in the next five years');
}
