// @ts-check
/** @import { Directory } from './types.js' */

/** Display names for mentions; app.js fills it from the workspace state, tests fill it directly. */
/** @type {Directory} */
export const DIR = { users: {}, channels: {}, groups: {} };

/** Emoji the bot and Slack's UI use, by short name. */
/** @type {Readonly<Record<string, string>>} */
export const EMOJI = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  eyes: '👀',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  rotating_light: '🚨',
  hourglass: '⏳',
  hourglass_flowing_sand: '⏳',
  tada: '🎉',
  wave: '👋',
  bulb: '💡',
  mag: '🔍',
  ticket: '🎫',
  hospital: '🏥',
  page_facing_up: '📄',
  link: '🔗',
  fire: '🔥',
  ok_hand: '👌',
  pray: '🙏',
  information_source: 'ℹ️',
  question: '❓',
  memo: '📝',
  clipboard: '📋',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  robot_face: '🤖',
  heart: '❤️',
  smile: '😄',
  thinking_face: '🤔',
  lock: '🔒',
  books: '📚',
};

/**
 * Any value as HTML text: every field the page shows goes through here.
 * @param {unknown} s
 */
export function esc(s) {
  return String(s == null ? '' : s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Slack's three escaped characters back to text.
 * @param {unknown} s
 */
export function unent(s) {
  return String(s).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The URL when it is http(s) or mailto, else null (no javascript: links).
 * @param {string | undefined} u
 */
export function safeUrl(u) {
  return /^(https?:|mailto:)/i.test(String(u)) ? (u ?? null) : null;
}

/**
 * The emoji for a short name, or `:name:` when unknown.
 * @param {string | undefined} name
 */
export function emoji(name) {
  return EMOJI[String(name)] || `:${name}:`;
}
