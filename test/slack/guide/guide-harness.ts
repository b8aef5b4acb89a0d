import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { postSigned } from '../roles/signed-requests.js';
import { ids, type MessageOut, messages } from '../tickets/ticket-helpers.js';

export type Button = { action_id: string; value: string };

/** The guide buttons of a message (empty when it has none). */
export function guideButtons(m: MessageOut | undefined): Button[] {
  const block = (m?.blocks ?? []).find((b) => (b as { block_id?: string }).block_id === 'guide_actions') as
    | { type: string; elements?: Button[] }
    | undefined;
  return block?.type === 'actions' ? (block.elements ?? []) : [];
}

export const button = (m: MessageOut | undefined, actionId: string) =>
  guideButtons(m).find((b) => b.action_id === actionId);

/** Headings of a knowledge-base page, in page order. */
export function pageHeadings(source: string): string[] {
  const text = readFileSync(join(process.cwd(), 'knowledge', source), 'utf8');
  return [...text.matchAll(/^#{2,6}\s+(.+)$/gm)].map((m) => (m[1] ?? '').trim());
}

/** Asks in #radiology-help and returns the question's ts and the bot's answer in its thread. */
export async function ask(h: DeskHarness, question: string) {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user: 'clinician',
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> ${question}`,
  });
  const answer = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
  return { threadTs: ts, answer: answer as unknown as MessageOut };
}

export const botReplies = async (h: DeskHarness, threadTs: string) =>
  (await messages(h, ids.help, threadTs)).filter((m) => m.bot_id && m.ts !== threadTs && !m.ephemeral_for);

export const message = async (h: DeskHarness, threadTs: string, ts: string) =>
  (await messages(h, ids.help, threadTs)).find((m) => m.ts === ts);

/** Waits for the bot's reply in the thread whose text starts with `Step n of`. */
export function stepMessage(h: DeskHarness, threadTs: string, n: number) {
  return waitUntil(async () => {
    const found = (await botReplies(h, threadTs)).find((m) => m.text.startsWith(`Step ${n} of `));
    if (!found) throw new Error(`step ${n} not posted`);
    return found;
  });
}

let clicks = 0;

/**
 * A click on `actionId` of the message as the client last saw it (`snapshot`, possibly stale), signed like Slack:
 * each call is a distinct click (its own action_ts), so the front's replay guard does not hide a second one.
 */
export async function clickSnapshot(h: DeskHarness, snapshot: MessageOut, actionId: string): Promise<number> {
  const b = button(snapshot, actionId);
  if (!b) throw new Error(`no ${actionId} on the snapshot`);
  clicks += 1;
  const payload = {
    type: 'block_actions',
    team: { id: h.ws.teamId, domain: 'pacs-desk-local' },
    user: { id: ids.clinician, username: 'clinician', name: 'clinician', team_id: h.ws.teamId },
    api_app_id: 'A0PACSDESK',
    token: 'legacy',
    trigger_id: `1.2.${clicks}`,
    channel: { id: ids.help, name: 'radiology-help' },
    container: { type: 'message', message_ts: snapshot.ts, channel_id: ids.help, is_ephemeral: false },
    message: { type: 'message', bot_id: snapshot.bot_id, ...snapshot },
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'guide_actions',
        value: b.value,
        action_ts: `${1_800_000_000 + clicks}.000001`,
      },
    ],
  };
  return postSigned(h, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}
