// @ts-check
import { esc, unent } from './escape.js';

/** @param {number} n */
const pad = (n) => (n < 10 ? '0' : '') + n;

/**
 * `today`, `yesterday` or `tomorrow` when the date is one of those days, else the plain text.
 * @param {Date} d
 * @param {string} plain
 */
function pretty(d, plain) {
  const diff = Math.round((new Date(d).setHours(0, 0, 0, 0) - new Date().setHours(0, 0, 0, 0)) / 864e5);
  return diff === 0 ? 'today' : diff === -1 ? 'yesterday' : diff === 1 ? 'tomorrow' : plain;
}

/**
 * `2 minutes ago`, `in 3 hours`.
 * @param {Date} d
 */
function ago(d) {
  const s = Math.round((Date.now() - d.getTime()) / 1000);
  const a = Math.abs(s);
  /** @type {[number, string]} */
  const v =
    a < 60
      ? [a, 'second']
      : a < 3600
        ? [Math.floor(a / 60), 'minute']
        : a < 86400
          ? [Math.floor(a / 3600), 'hour']
          : [Math.floor(a / 86400), 'day'];
  const n = `${v[0]} ${v[1]}${v[0] === 1 ? '' : 's'}`;
  return s >= 0 ? `${n} ago` : `in ${n}`;
}

/**
 * The `{token}` values of Slack's date format.
 * @param {Date} d
 * @returns {Record<string, string>}
 */
function formats(d) {
  /** @param {Intl.DateTimeFormatOptions} opts */
  const day = (opts) => d.toLocaleDateString(undefined, opts);
  const date = day({ year: 'numeric', month: 'long', day: 'numeric' });
  const dateShort = day({ year: 'numeric', month: 'short', day: 'numeric' });
  const dateLong = day({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  return {
    date_num: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    date,
    date_short: dateShort,
    date_long: dateLong,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
    time_secs: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
    date_pretty: pretty(d, date),
    date_short_pretty: pretty(d, dateShort),
    date_long_pretty: pretty(d, dateLong),
  };
}

/**
 * Slack's `<!date^seconds^format^link|fallback>`, in the reader's time zone; the fallback when it can't be read.
 * @param {string} target
 * @param {string} fallback
 */
export function dateToken(target, fallback) {
  const parts = target.split('^');
  const d = new Date(Number(parts[1]) * 1000);
  if (!parts[2] || Number.isNaN(d.getTime())) return esc(fallback);
  const f = formats(d);
  const text = unent(parts[2]).replace(/\{(\w+)\}/g, (m, k) =>
    k === 'ago' ? ago(d) : Object.hasOwn(f, k) ? String(f[k]) : m,
  );
  return `<time datetime="${esc(d.toISOString())}">${esc(text)}</time>`;
}
