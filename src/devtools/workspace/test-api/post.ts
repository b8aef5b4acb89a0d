import type { Ctx } from '../context.js';
import type { ChannelInfo } from '../directory.js';
import { encodeTyped } from '../directory.js';
import { TestApiError } from '../errors.js';
import { APP_ID, TEAM_DOMAIN, TEAM_ID, VERIFICATION_TOKEN } from '../ids.js';
import { addMessage, botMessage, echoBotMessage, postAsUser } from '../messaging.js';
import { createResponseUrl } from '../response-url.js';
import type { Persona } from '../seed.js';
import type { Json } from '../types.js';
import { channelFor, optionalString, persona } from './resolve.js';

/** `POST /api/test/post`: a person types into a channel, a thread or their DM with the bot. */
export async function testPost(ctx: Ctx, body: Json): Promise<Json> {
  const p = persona(body);
  const channel = channelFor(body, p);
  const text = typeof body.text === 'string' ? body.text : '';
  if (!text.trim()) throw new TestApiError('no_text', 'text is required');
  if (text.trimStart().startsWith('/')) return { ts: null, command: await runCommand(ctx, p, channel, text.trim()) };
  const { message, deliveries } = await postAsUser(
    ctx,
    p.id,
    channel,
    encodeTyped(text),
    optionalString(body, 'thread_ts'),
  );
  return {
    ts: message.ts,
    channel: channel.id,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    // The events it caused, for POST /api/test/redeliver: `message`, then `app_mention` when it mentions the bot.
    event_ids: deliveries.map((d) => d.eventId),
    deliveries: deliveries.map((d) => ({ status: d.status, outcome: d.outcome })),
  };
}

/**
 * Runs a slash command as Slack does: a signed form post; a non-empty ack body is shown to the user
 * (ephemeral unless `response_type: in_channel`); a failed or late ack shows Slackbot's error.
 */
async function runCommand(ctx: Ctx, p: Persona, channel: ChannelInfo, typed: string): Promise<Json> {
  const command = typed.split(/\s+/)[0] ?? '';
  if (!ctx.commands.includes(command)) throw new TestApiError('unknown_command', `${command} is not a valid command`);
  const form = {
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    team_domain: TEAM_DOMAIN,
    channel_id: channel.id,
    channel_name: channel.isIm ? 'directmessage' : channel.name,
    user_id: p.id,
    user_name: p.name,
    command,
    text: typed.slice(command.length).trim(),
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: createResponseUrl(ctx, { channel: channel.id, user: p.id }),
    trigger_id: ctx.triggers.issue(p.id),
  };
  const result = await ctx.delivery.sendForm('command', form);
  if (result.outcome !== 'acked') {
    const error = result.outcome === 'timeout' ? 'operation_timeout' : 'dispatch_failed';
    addMessage(ctx, {
      channel: channel.id,
      user: 'USLACKBOT',
      text: `${command} failed with the error "${error}"`,
      ephemeral_for: p.id,
    });
    return { status: result.status, response: null, error };
  }
  const response = parseAck(result.body);
  if (response !== null) {
    const r = typeof response === 'string' ? { text: response } : response;
    const inChannel = r.response_type === 'in_channel';
    const fields = {
      text: typeof r.text === 'string' ? r.text : '',
      ...(Array.isArray(r.blocks) ? { blocks: r.blocks } : {}),
      ...(inChannel ? {} : { ephemeral_for: p.id }),
    };
    if (fields.text || fields.blocks) {
      const m = addMessage(ctx, botMessage(channel.id, fields));
      if (inChannel) echoBotMessage(ctx, m);
    }
  }
  return { status: result.status, response, trigger_id: form.trigger_id, response_url: form.response_url };
}

/** The ack body: JSON object, plain text, or null when empty. */
export function parseAck(body: string): Json | string | null {
  if (!body.trim()) return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
    return typeof parsed === 'string' ? parsed : body;
  } catch {
    return body;
  }
}
