// @ts-check
/**
 * The workspace page: sidebar, channels, the bot's DM and threads, composer, modals, App Home. It talks only to
 * the test API (/api/test/*) and polls it every 700 ms. Entry module: wires the handlers, loads the workspace,
 * then routes.
 */
import { DIR } from './escape.js';
import { listen } from './events.js';
import { route } from './poll.js';
import { api, S } from './state.js';

/** @import { WorkspaceState } from './types.js' */

listen();

/** @type {Promise<WorkspaceState>} */ (api('state'))
  .then((st) => {
    S.state = st;
    for (const u of st.users) DIR.users[u.id] = u.real_name;
    DIR.users[st.bot.user_id] = st.bot.name;
    for (const c of st.channels) DIR.channels[c.id] = c.name;
    for (const g of st.usergroups) DIR.groups[g.id] = g.handle;
    if (!st.users.some((u) => u.persona === S.user)) S.user = String(st.users[0]?.persona);
    route();
  })
  .catch((e) => {
    document.body.textContent = `Could not load the workspace: ${e instanceof Error ? e.message : String(e)}`;
  });
