import type { DeskHarness } from '../../helpers/desk-harness.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { waitUntil } from '../../helpers/wait-until.js';

export const ids = {
  clinician: 'U0CLINIC1',
  associate: 'U0ASSOC01',
  admin: 'U0ADMIN01',
  triage: 'C0PTRIAGE',
  help: 'C0RADHELP',
} as const;

export interface MessageOut {
  ts: string;
  user?: string;
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  ephemeral_for?: string;
}

export function messages(h: DeskHarness, channel: string, threadTs?: string): Promise<MessageOut[]> {
  return h.api<MessageOut[]>(`/api/test/messages?channel=${channel}${threadTs ? `&thread_ts=${threadTs}` : ''}`);
}

/** Runs the CLI against the desk's data folder and parses its JSON output. */
export async function cliJson<T>(h: DeskHarness, ...argv: string[]): Promise<T> {
  const { code, stdout } = await runCliCaptured([...argv, '--json'], { dataDir: h.dataDir });
  if (code !== 0) throw new Error(`pacs-desk ${argv.join(' ')} exited ${code}`);
  return JSON.parse(stdout) as T;
}

export const field = (type: string, value: string) =>
  type === 'plain_text_input' ? { value: { type, value } } : { value: { type, selected_option: { value } } };

/** Submits the new-ticket modal with the given fields; returns the bot's response to the submit. */
export async function submitTicket(h: DeskHarness, user: string, viewId: string, f: Record<string, string>) {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f))
    values[k] = field(k === 'category' ? 'static_select' : k === 'urgency' ? 'radio_buttons' : 'plain_text_input', v);
  return h.api<Record<string, unknown>>('/api/test/submit', { user, view_id: viewId, values });
}

/** The newest card in the triage channel for `key`, once it says `includes`. */
export async function cardFor(h: DeskHarness, key: string, includes = ''): Promise<MessageOut> {
  return waitUntil(
    async () => {
      const card = (await messages(h, ids.triage))
        .reverse()
        .find((m) => m.text.startsWith(key) && JSON.stringify(m.blocks).includes(includes));
      if (!card) throw new Error(`no card for ${key} with ${includes}`);
      return card;
    },
    { timeout: 5000, interval: 25 },
  );
}
