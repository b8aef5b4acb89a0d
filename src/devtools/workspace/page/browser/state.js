// @ts-check
import { DIR } from './escape.js';

/** @import { Persona, Route, View, WorkspaceState } from './types.js' */

/**
 * The page's state: who is acting, the workspace (users, channels), the route, the open thread and modal,
 * and the last rendered content per pane (`keys`), so a poll that brings nothing new does not re-render.
 * @type {{
 *   user: string; state: WorkspaceState | null; route: Route; thread: string | null;
 *   keys: Record<string, string | null>; view: View | null; home: View | null; sending: boolean;
 *   timer: ReturnType<typeof setTimeout> | undefined;
 * }}
 */
export const S = {
  user: localStorage.getItem('ws-user') || 'clinician',
  state: null,
  route: { kind: 'home' },
  thread: null,
  keys: {},
  view: null,
  home: null,
  sending: false,
  timer: undefined,
};

/**
 * The first element matching the selector (in the document or under `root`).
 * @param {string} sel
 * @param {ParentNode} [root]
 * @returns {HTMLElement | null}
 */
export const $ = (sel, root) => /** @type {HTMLElement | null} */ ((root || document).querySelector(sel));

/**
 * A call to the test API: GET without a body, POST with a JSON body. Rejects with the API's message.
 * Callers cast the result to the shape they expect (messages, a view, …).
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<unknown>}
 */
export async function api(path, body) {
  const init =
    body === undefined
      ? { cache: /** @type {const} */ ('no-store') }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const r = await fetch(`/api/test/${path}`, init);
  /** @type {unknown} */
  const j = await r.json();
  if (!r.ok) {
    const e = /** @type {{ message?: string; error?: string }} */ (j);
    throw new Error(e.message || e.error || String(r.status));
  }
  return j;
}

/**
 * A short note at the bottom of the page for 3.5 s.
 * @param {string} text
 */
export function toast(text) {
  const t = document.createElement('div');
  t.className = 'toast';
  t.textContent = text;
  document.body.appendChild(t);
  setTimeout(() => t.remove(), 3500);
}

/** The workspace state; the page renders nothing before it has loaded. */
export function ws() {
  if (!S.state) throw new Error('the workspace state has not loaded yet');
  return S.state;
}

/** @returns {Persona} the persona the page acts as */
export function me() {
  const p = ws().users.find((u) => u.persona === S.user);
  if (!p) throw new Error(`unknown persona ${S.user}`);
  return p;
}

/** The acting persona's DM with the bot. */
export const myDm = () => me().dm;

/** @param {string} id */
export const channelName = (id) => (DIR.channels[id] ? `#${DIR.channels[id]}` : 'pacs-desk');

/** @param {string | undefined} id */
export const isDm = (id) => !!id && id[0] === 'D';

/**
 * Shows why an action failed.
 * @param {unknown} e
 */
export const fail = (e) => toast(e instanceof Error ? e.message : String(e));
