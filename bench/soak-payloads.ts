import { signSlackRequest } from '../src/devtools/workspace/index.js';
import type { SoakRequest, TrafficContext } from './soak-traffic.js';

/** Signed bodies shaped as Slack sends them: Events API envelopes, slash commands, block_actions. */
export const unixNow = () => Math.floor(Date.now() / 1000);

export function signed(ctx: TrafficContext, body: string, type: 'json' | 'form', secret = ctx.secret) {
  return {
    'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    ...signSlackRequest(secret, body, unixNow()),
  };
}

export function eventBody(ctx: TrafficContext, n: number, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'x',
    team_id: ctx.teamId,
    api_app_id: ctx.appId,
    type: 'event_callback',
    event_id: `Ev0SOAK${n}${Date.now()}`,
    event_time: unixNow(),
    authorizations: [{ team_id: ctx.teamId, user_id: ctx.botUserId, is_bot: true, is_enterprise_install: false }],
    event,
  });
}

export function command(ctx: TrafficContext, n: number, text: string): SoakRequest {
  const responseId = `r${n}`;
  const body = new URLSearchParams({
    token: 'x',
    team_id: ctx.teamId,
    team_domain: 'pacs-desk-local',
    channel_id: ctx.channel,
    channel_name: 'radiology-help',
    user_id: ctx.user.id,
    user_name: ctx.user.name,
    command: '/pacs',
    text,
    api_app_id: ctx.appId,
    is_enterprise_install: 'false',
    response_url: `${ctx.sinkUrl}/respond/${responseId}`,
    trigger_id: `${n}.1.soak`,
  }).toString();
  return {
    kind: text === 'help' ? 'help' : 'ask',
    method: 'POST',
    path: '/slack/events',
    headers: signed(ctx, body, 'form'),
    body,
    expect: { responseId },
  };
}

export function click(ctx: TrafficContext, n: number): SoakRequest {
  const payload = {
    type: 'block_actions',
    user: { id: ctx.user.id, username: ctx.user.name, name: ctx.user.name, team_id: ctx.teamId },
    api_app_id: ctx.appId,
    token: 'x',
    trigger_id: `${n}.2.soak`,
    team: { id: ctx.teamId, domain: 'pacs-desk-local' },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: 'message', message_ts: ctx.answer.ts, channel_id: ctx.channel, is_ephemeral: false },
    channel: { id: ctx.channel, name: 'radiology-help' },
    message: { type: 'message', ts: ctx.answer.ts, bot_id: 'B0PACSBOT', text: 'answer', blocks: ctx.answer.blocks },
    response_url: `${ctx.sinkUrl}/respond/click${n}`,
    actions: [
      {
        type: 'button',
        action_id: 'answer_feedback_up',
        block_id: 'answer_feedback',
        text: { type: 'plain_text', text: '👍 Helpful' },
        value: ctx.answer.answerId,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return {
    kind: 'click',
    method: 'POST',
    path: '/slack/events',
    headers: signed(ctx, body, 'form'),
    body,
    expect: { ephemeral: true },
  };
}
