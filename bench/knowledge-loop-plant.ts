import type { Queue } from '../src/channels/channel-directory.js';
import { redactPhi } from '../src/core/phi-redact.js';
import type { AppDatabase } from '../src/db/create-database.js';
import { createFeedbackStore } from '../src/feedback/feedback-store.js';
import { createQuestionLog } from '../src/feedback/question-log.js';
import { createTicketStore } from '../src/tickets/ticket-store.js';
import { coveredTopics, decorate, gapTopics, identifierSuffix } from './knowledge-loop-topics.js';

const dayMs = 24 * 3600_000;
/** Sunday 2026-12-06 24:00 UTC: the plant's four weeks end here, on a week boundary. */
export const plantEnd = Date.parse('2026-12-07T00:00:00Z');
export const channels = ['C0BENCHPACS', 'C0BENCHRAD', 'C0BENCHED', 'C0BENCHCT', 'C0BENCHMR'] as const;
const channelWeights = [0.4, 0.25, 0.15, 0.12, 0.08];
const sla = (routine: number) => ({ stat: 60, urgent: 240, routine });
export const queues: Queue[] = ['pacs', 'ris', 'default'].map((id, i) => ({
  id,
  name: id,
  categories: [],
  sites: [],
  slaMinutes: sla(480 * (i + 1)),
}));

/** What was planted, and the figures a right answer must give. */
export interface Plant {
  questions: number;
  answered: number;
  abstained: number;
  thumbsDown: number;
  thumbsUp: number;
  tickets: number;
  ticketsFromAnswers: number;
  answeredNoTicket: number;
  /** Gap topics that got at least one abstention or 👎 (all 40 at full size). */
  gapTopics: number;
  /** Every identifier typed into a question; none may come out. */
  identifiers: string[];
}

/** Seeded PRNG (mulberry32), so every run plants the same rows. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Asked {
  at: number;
  user: string;
  channel: string;
  ts: string;
  answered: boolean;
}

/**
 * `n` questions over the four weeks before `plantEnd` in 5 channels: 70% answered (a tenth of those on a gap topic,
 * half of which get 👎: 5% of answers), 30% abstained on one of the 40 gap topics; one in 8 carries an identifier.
 * Then `ticketCount` tickets in 3 queues, a sixth of them opened from an answer's thread; most are resolved.
 */
export async function plantKnowledgeLoop(database: AppDatabase, n: number, ticketCount: number): Promise<Plant> {
  const rand = random(13);
  const pick = (k: number) => Math.floor(rand() * k);
  const start = plantEnd - 28 * dayMs;
  const asked: Asked[] = [];
  const identifiers: string[] = [];
  const topicsUsed = new Set<number>();
  let thumbsDown = 0;
  let thumbsUp = 0;
  await database.db.transaction().execute(async (trx) => {
    let clock = start;
    const tx = { ...database, db: trx };
    const log = createQuestionLog(tx, () => clock);
    const feedback = createFeedbackStore(tx, () => Math.min(clock + 60_000, plantEnd - 1));
    for (let i = 0; i < n; i++) {
      clock = start + Math.floor(((i + rand()) / n) * 28 * dayMs);
      const answered = rand() < 0.7;
      const onGap = !answered || rand() < 0.1;
      const topic = onGap ? pick(gapTopics.length) : -1;
      const core = onGap ? (gapTopics[topic]?.[pick(3)] ?? '') : (coveredTopics[pick(coveredTopics.length)] ?? '');
      const id = i % 8 === 3 ? identifierSuffix(i) : undefined;
      if (id) identifiers.push(id.id);
      const question = decorate(core, pick, id?.text);
      let c = 0;
      for (let r = rand(); c < channels.length - 1 && r > (channelWeights[c] ?? 0); c++) r -= channelWeights[c] ?? 0;
      const q = { at: clock, user: `U0B${String(pick(400)).padStart(5, '0')}`, channel: channels[c] ?? '', answered };
      const ts = `${Math.floor(clock / 1000)}.${String(i).padStart(6, '0')}`;
      asked.push({ ...q, ts });
      const sources = [{ source: `guides/topic-${onGap ? topic : 'covered'}.md`, heading: 'Overview' }];
      const answerId = `bench-${i}`;
      const outcome = answered ? 'answered' : 'abstained';
      const row = {
        answerId,
        channel: q.channel,
        threadTs: ts,
        userId: q.user,
        question,
        outcome,
        mode: 'kb',
      } as const;
      await log.record({ ...row, sources });
      if (!answered) topicsUsed.add(topic);
      if (!answered) continue;
      const vote = onGap && rand() < 0.5 ? 'down' : !onGap && rand() < 0.15 ? 'up' : undefined;
      if (vote === 'down') topicsUsed.add(topic);
      if (vote === 'down') thumbsDown += 1;
      if (vote === 'up') thumbsUp += 1;
      if (vote) {
        const input = { answerId, userId: q.user, question: redactPhi(question), sources: [], mode: 'kb' };
        await feedback.record({ ...input, rating: vote });
      }
    }
  });
  const tickets = await plantTickets(database, asked, ticketCount, rand);
  const answered = asked.filter((q) => q.answered);
  return {
    questions: n,
    answered: answered.length,
    abstained: n - answered.length,
    thumbsDown,
    thumbsUp,
    tickets: ticketCount,
    ticketsFromAnswers: tickets.fromThreads,
    answeredNoTicket: answered.filter((q) => !tickets.openedBy(q.user, q.at)).length,
    gapTopics: topicsUsed.size,
    identifiers,
  };
}

async function plantTickets(database: AppDatabase, asked: Asked[], count: number, rand: () => number) {
  const byUser = new Map<string, number[]>();
  const specs = Array.from({ length: count }, (_, i) => {
    const from = i % 6 === 0 ? asked[Math.floor(rand() * asked.length)] : undefined;
    const at = from
      ? from.at + 300_000 + Math.floor(rand() * 3 * 3600_000)
      : plantEnd - Math.floor(rand() * 28 * dayMs);
    const user = from?.user ?? `U0B${String(Math.floor(rand() * 400)).padStart(5, '0')}`;
    byUser.set(user, [...(byUser.get(user) ?? []), at]);
    return { i, at, user, from, resolveAfter: rand() < 0.7 ? Math.floor(rand() * 2 * dayMs) : undefined };
  });
  const create = async (s: (typeof specs)[number]) => {
    const store = (at: number) => createTicketStore(database, { now: () => at });
    const queue = queues[s.i % queues.length]?.id ?? 'default';
    const input = {
      requesterId: s.user,
      summary: `Bench ticket ${s.i}`,
      description: 'bench',
      category: s.i % 2 ? 'viewer_access' : 'missing_study',
      urgency: s.i % 5 ? 'routine' : 'urgent',
      queue,
      ...(s.from ? { source: { channel: s.from.channel, ts: s.from.ts } } : {}),
    } as const;
    const ticket = await store(s.at).create(input, s.user);
    if (s.resolveAfter === undefined) return;
    await store(s.at + s.resolveAfter / 4).assign(ticket.key, 'U0BAGENT', 'U0BAGENT');
    await store(s.at + s.resolveAfter).setStatus(ticket.key, 'resolved', 'U0BAGENT', 'bench: fixed');
  };
  for (let i = 0; i < specs.length; i += 10) await Promise.all(specs.slice(i, i + 10).map(create));
  return {
    fromThreads: specs.filter((s) => s.from).length,
    openedBy: (user: string, at: number) => (byUser.get(user) ?? []).some((t) => t >= at && t - at <= dayMs),
  };
}
