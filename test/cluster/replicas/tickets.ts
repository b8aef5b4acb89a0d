import pg from 'pg';
import type { Cluster } from './cluster.js';
import { pollUntil, type WsMessage } from './workspace-api.js';

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
const choice = (type: string, value: string) => ({ value: { type, selected_option: { value } } });

/** Opens `/pacs ticket` as the clinician, submits the modal, and returns the new ticket's key (from PostgreSQL). */
export async function createTicket(c: Cluster, summary: string): Promise<string> {
  const api = c.harness.api;
  const before = new Set(await ticketKeys(c));
  await api.post('clinician', 'radiology-help', `/pacs ticket ${summary}`);
  const view = await pollUntil(async () => (await api.views('clinician')).find((v) => v.callback_id === 'ticket_new'), {
    timeoutMs: 15_000,
    describe: () => 'no ticket_new modal opened',
  });
  const response = await api.submit('clinician', view.id, {
    summary: text(summary),
    description: text('Raised by the replicas test.'),
    category: choice('static_select', 'prior_import'),
    urgency: choice('radio_buttons', 'routine'),
  });
  if (Object.keys(response).length > 0) throw new Error(`the ticket modal refused: ${JSON.stringify(response)}`);
  return pollUntil(async () => (await ticketKeys(c)).find((k) => !before.has(k)), {
    timeoutMs: 15_000,
    describe: () => 'no new ticket row',
  });
}

export async function ticketKeys(c: Cluster): Promise<string[]> {
  return withDb(c, async (db) =>
    (await db.query<{ key: string }>('SELECT key FROM tickets ORDER BY id')).rows.map((r) => r.key),
  );
}

/** Marks a ticket as untouched for an hour, so the next reminder pass is due to post about it. */
export async function ageTicket(c: Cluster, key: string): Promise<void> {
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  await withDb(c, (db) => db.query('UPDATE tickets SET touched_at = $1 WHERE key = $2', [hourAgo, key]));
}

async function withDb<T>(c: Cluster, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: c.stores.databaseUrl });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** The untouched-ticket reminders posted so far about `key` (in its card's thread in the triage channel). */
export async function reminderMessages(c: Cluster, key: string): Promise<WsMessage[]> {
  const api = c.harness.api;
  const cards = (await api.messages('pacs-triage')).filter(
    (m) => m.bot_id && m.text.startsWith(`${key} `) && (!m.thread_ts || m.thread_ts === m.ts),
  );
  const found: WsMessage[] = [];
  for (const card of cards)
    found.push(
      ...(await api.messages('pacs-triage', card.ts)).filter(
        (m) => m.bot_id && m.ts !== card.ts && m.text.includes(`*${key}* has had no update`),
      ),
    );
  return found;
}

export const remindersAbout = async (c: Cluster, key: string): Promise<number> =>
  (await reminderMessages(c, key)).length;

/** Replicas that logged a reminder pass which posted about `key`. */
export function remindedBy(c: Cluster, key: string): string[] {
  return c.replicas
    .filter((r) =>
      r.logged('ticket reminders posted').some((l) => Array.isArray(l.untouched) && l.untouched.includes(key)),
    )
    .map((r) => r.id);
}
