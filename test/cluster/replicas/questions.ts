import type { Replica } from './replica-process.js';
import { botReplies, pollUntil, type WorkspaceApi, type WsMessage } from './workspace-api.js';

/** Questions on topics the bundled knowledge/ folder covers (access, studies, viewer, downtime, modality). */
export const KB_QUESTIONS = [
  'how do I reset my PACS password',
  'my PACS account is locked, what do I do',
  'how do I request PACS access for a new starter',
  'how do I burn a study to a CD for a patient',
  'I cannot find a study in PACS',
  'how do I see prior and outside exams',
  'images are not displaying in the viewer',
  'how do I change my hanging protocol',
  'the modality worklist is empty on the scanner',
  'what happens during planned PACS downtime',
  'a study was sent from the scanner but is missing in PACS',
  'can I view images on my phone from home',
] as const;

/** Where the questions go, in turn: the help channel (a mention) and the three personas' DMs with the bot. */
const PLACES = [
  { user: 'clinician', channel: 'radiology-help', mention: true },
  { user: 'clinician', channel: 'dm', mention: false },
  { user: 'associate', channel: 'dm', mention: false },
  { user: 'admin', channel: 'dm', mention: false },
] as const;

export interface Asked {
  n: number;
  /** The persona who asked. */
  user: string;
  channel: string;
  ts: string;
  /** The events the question caused (a mention: `message`, then `app_mention`): inbox keys `event:<id>`. */
  eventIds: string[];
}

/**
 * Asks question `n` (cycling through topics and places, so the per-channel rate limit is shared out). Mixing
 * places also varies how many envelopes each question causes (a channel mention is two events, a DM one, plus
 * echoes of the bot's replies), so questions asked one at a time do not all land on the same replica.
 */
export async function ask(api: WorkspaceApi, botUserId: string, n: number, question?: string): Promise<Asked> {
  const place = PLACES[n % PLACES.length] ?? PLACES[0];
  const topic = question ?? KB_QUESTIONS[n % KB_QUESTIONS.length];
  const text = `${place.mention ? `<@${botUserId}> ` : ''}${topic} (#${n})`;
  const r = await api.post(place.user, place.channel, text);
  if (!r.ts || !r.channel) throw new Error(`question ${n} was not posted: ${JSON.stringify(r)}`);
  return { n, user: place.user, channel: r.channel, ts: r.ts, eventIds: r.event_ids ?? [] };
}

/** The answer id a bot message carries on its 👍 button (answers and abstentions both have one). */
export function answerIdOf(m: WsMessage): string | undefined {
  return /"action_id":"answer_feedback_up"[^}]*?"value":"([^"]+)"|"value":"([^"]+)"[^}]*?"action_id":"answer_feedback_up"/
    .exec(JSON.stringify(m.blocks ?? []))
    ?.slice(1)
    .find(Boolean);
}

/** Waits until every question has at least one bot reply; returns the replies per question. */
export async function waitForAnswers(
  api: WorkspaceApi,
  asked: Asked[],
  timeoutMs: number,
): Promise<Map<number, WsMessage[]>> {
  const replies = new Map<number, WsMessage[]>();
  await pollUntil(
    async () => {
      for (const q of asked) {
        if ((replies.get(q.n)?.length ?? 0) > 0) continue;
        replies.set(q.n, await botReplies(api, q.channel, q.ts));
      }
      return asked.every((q) => (replies.get(q.n)?.length ?? 0) > 0) ? true : undefined;
    },
    {
      timeoutMs,
      intervalMs: 200,
      describe: () =>
        `unanswered: ${asked
          .filter((q) => !replies.get(q.n)?.length)
          .map((q) => `#${q.n}`)
          .join(', ')}`,
    },
  );
  // A second read: replies that came after the first one was seen (a duplicate) count too.
  for (const q of asked) replies.set(q.n, await botReplies(api, q.channel, q.ts));
  return replies;
}

/** Which replica logged `answered` with this answer id (undefined: none, e.g. it was killed before flushing). */
export function answeredBy(replicas: Replica[], answerId: string): string | undefined {
  return replicas.find((r) => r.logged('answered').some((l) => l.answerId === answerId))?.id;
}

/** Keys the lead logged as replayed work of a dead replica (`code: 'inbox_replay'`): the documented duplicates. */
export function replayedKeys(replicas: Replica[]): string[] {
  return replicas.flatMap((r) => r.logs().filter((l) => l.code === 'inbox_replay')).map((l) => String(l.key ?? ''));
}
