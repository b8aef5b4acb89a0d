import { signSlackRequest } from '../../../src/devtools/workspace/index.js';
import { type DeskHarness, testSigningSecret } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { type MessageOut, messages } from '../tickets/ticket-helpers.js';

export type Persona = 'clinician' | 'associate' | 'admin';

/** Sends a body to the bot's /slack/events signed with the workspace's secret, as Slack would. */
export async function postSigned(h: DeskHarness, body: string, contentType: string): Promise<number> {
  return (await postSignedFull(h, body, contentType)).status;
}

export async function postSignedFull(
  h: DeskHarness,
  body: string,
  contentType: string,
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${h.botUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signSlackRequest(testSigningSecret, body, Date.now() / 1000) },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/**
 * A `view_submission` nobody opened a modal for: signed correctly, as `userId`, for `callbackId`.
 * Returns the bot's ack body (parsed JSON, or null when empty).
 */
export async function forgedViewSubmission(
  h: DeskHarness,
  userId: string,
  callbackId: string,
  privateMetadata: string,
  values: Record<string, unknown>,
): Promise<{ status: number; ack: Record<string, unknown> | null }> {
  const payload = {
    type: 'view_submission',
    team: { id: h.ws.teamId, domain: 'pacs-desk-local' },
    user: { id: userId, username: 'forged', name: 'forged', team_id: h.ws.teamId },
    api_app_id: 'A0PACSDESK',
    token: 'ignored',
    trigger_id: '1.2.forged',
    view: {
      id: 'V0FORGED01',
      team_id: h.ws.teamId,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      hash: 'forged',
      state: { values },
      title: { type: 'plain_text', text: 'Forged' },
      blocks: [],
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await postSignedFull(h, form, 'application/x-www-form-urlencoded');
  return { status: res.status, ack: res.body.trim() ? (JSON.parse(res.body) as Record<string, unknown>) : null };
}

/**
 * A slash command with fields of the caller's choosing (a forged `user_name`, a foreign `team_id`), signed.
 * The `response_url` is a real one of the local workspace, issued for `user` by a `/pacs help` first, so
 * the bot's reply lands where the test can read it.
 */
export async function forgedCommand(
  h: DeskHarness,
  user: Persona,
  channel: string,
  text: string,
  fields: Record<string, string> = {},
): Promise<{ status: number; responseUrl: string }> {
  const seeded = await h.api<{ command: { response_url: string; trigger_id: string } }>('/api/test/post', {
    user,
    channel,
    text: '/pacs help',
  });
  const state = await h.api<{ users: { id: string; name: string; persona: string }[] }>('/api/test/state');
  const me = state.users.find((u) => u.persona === user);
  const form = new URLSearchParams({
    token: 'ignored',
    team_id: h.ws.teamId,
    team_domain: 'pacs-desk-local',
    channel_id: channel,
    channel_name: 'radiology-help',
    user_id: me?.id ?? '',
    user_name: me?.name ?? '',
    command: '/pacs',
    text,
    api_app_id: 'A0PACSDESK',
    is_enterprise_install: 'false',
    response_url: seeded.command.response_url,
    trigger_id: seeded.command.trigger_id,
    ...fields,
  });
  const status = await postSigned(h, form.toString(), 'application/x-www-form-urlencoded');
  return { status, responseUrl: seeded.command.response_url };
}

/** The newest ephemeral reply to `userId` in `channel` after `afterTs` whose text matches `match`. */
export function replyTo(h: DeskHarness, channel: string, userId: string, match: RegExp, afterTs?: string) {
  return waitUntil(async () => {
    const found = (await messages(h, channel))
      .filter((m) => m.ephemeral_for === userId && (!afterTs || m.ts > afterTs))
      .reverse()
      .find((m) => match.test(`${m.text} ${JSON.stringify(m.blocks ?? [])}`));
    if (!found) throw new Error(`no reply matching ${match} for ${userId} in ${channel}`);
    return found;
  });
}

/** Runs `/pacs <text>` as a persona through the workspace and returns the first reply only they see. */
export async function slash(h: DeskHarness, user: Persona, userId: string, channel: string, text: string) {
  const before = (await messages(h, channel)).at(-1)?.ts;
  await h.api('/api/test/post', { user, channel, text });
  return waitUntil(async (): Promise<MessageOut> => {
    const reply = (await messages(h, channel)).find((m) => m.ephemeral_for === userId && (!before || m.ts > before));
    if (!reply) throw new Error(`no reply to ${text}`);
    return reply;
  });
}
