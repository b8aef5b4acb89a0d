import { APP_ID, BOT_USER_ID, TEAM_ID } from '../src/devtools/workspace/ids.js';
import { signSlackRequest } from '../src/devtools/workspace/index.js';
import { PERSONAS } from '../src/devtools/workspace/seed.js';
import { buildRequest, type TrafficContext } from './soak-traffic.js';

/** Who clicks and asks, and one real posted answer whose 👍 button the clicks press. */
export async function trafficContext(
  workspaceUrl: string,
  secret: string,
  sinkUrl: string,
  botUrl: string,
): Promise<TrafficContext> {
  const clinician = PERSONAS.find((p) => p.persona === 'clinician') ?? PERSONAS[0]!;
  let counter = 0;
  // Past-dated, so they never collide with the ts values the workspace gives the bot's own posts.
  const nextTs = () => {
    const c = counter++;
    return `${1_600_000_000 + Math.floor(c / 1e6)}.${String(c % 1e6).padStart(6, '0')}`;
  };
  const ctx: TrafficContext = {
    secret,
    teamId: TEAM_ID,
    appId: APP_ID,
    botUserId: BOT_USER_ID,
    user: { id: clinician.id, name: clinician.name, dm: clinician.dm },
    channel: 'C0RADHELP',
    sinkUrl,
    answer: { ts: '', answerId: '', blocks: [] },
    nextTs,
  };
  const seed = buildRequest(ctx, 0, 'mention');
  const body = String(seed.body);
  await fetch(`${botUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signSlackRequest(secret, body, Math.floor(Date.now() / 1000)) },
    body,
  });
  if (!seed.expect || !('ts' in seed.expect)) throw new Error('seed mention has no thread');
  const answer = await firstBotReply(workspaceUrl, ctx.channel, seed.expect.ts);
  const answerId = (answer.blocks as { elements?: { action_id?: string; value?: string }[] }[] | undefined)
    ?.flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'answer_feedback_up')?.value;
  if (!answerId) throw new Error('the seeded answer has no 👍 button');
  ctx.answer = { ts: answer.ts, answerId, blocks: answer.blocks ?? [] };
  return ctx;
}

async function firstBotReply(workspaceUrl: string, channel: string, ts: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const messages = (await (
      await fetch(`${workspaceUrl}/api/test/messages?channel=${channel}&thread_ts=${ts}`)
    ).json()) as { ts: string; bot_id: string | null; blocks: unknown[] | null }[];
    const reply = messages.find((m) => m.bot_id);
    if (reply) return { ts: reply.ts, blocks: reply.blocks ?? [] };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the bot did not answer the seed question within 30 s');
}
