import type { SoakRequest } from './soak-traffic.js';

interface ApiMessage {
  bot_id: string | null;
  ephemeral_for: string | null;
  text: string;
}

export interface ReplyCount {
  expected: number;
  posted: number;
  /** More than one bot reply where one was due (a double answer). */
  extra: number;
  /** A few of the doubles, to look at: where, and how each reply starts. */
  examples?: string[];
}

export interface ReplyReport {
  threads: ReplyCount;
  commands: ReplyCount;
  thanks: ReplyCount;
}

/**
 * Remembers what each accepted valid request must produce, then counts what the workspace and the response_url
 * sink actually received: one threaded bot reply per mention/DM, one response_url post per command, one
 * ephemeral "Thanks" per 10 s window of 👍 clicks on the one answer (the bot thanks a double click once).
 */
export function createReplyLedger(workspaceUrl: string, user: string, channel: string, sink: Map<string, number>) {
  const threads: { channel: string; ts: string }[] = [];
  const responses: string[] = [];
  // The bot thanks a person once per answer within 10 s (a double click is one thanks); the soak clicks one answer
  // as one person a few times a second, so one thanks is owed per 10 s window of accepted clicks.
  const thanksWindowMs = 10_000;
  let clicks = 0;
  let windowStart = Number.NEGATIVE_INFINITY;
  const get = async (query: string) =>
    (await (await fetch(`${workspaceUrl}/api/test/messages?${query}`)).json()) as ApiMessage[];

  async function count(): Promise<ReplyReport> {
    const t: ReplyCount = { expected: threads.length, posted: 0, extra: 0, examples: [] };
    for (const { channel: c, ts } of threads) {
      const replies = (await get(`channel=${c}&thread_ts=${ts}`)).filter((m) => m.bot_id && !m.ephemeral_for);
      if (replies.length > 0) t.posted++;
      t.extra += Math.max(0, replies.length - 1);
      if (replies.length > 1 && t.examples && t.examples.length < 3)
        t.examples.push(`${c}/${ts}: ${replies.map((m) => JSON.stringify(m.text.slice(0, 50))).join(' + ')}`);
    }
    const c: ReplyCount = { expected: responses.length, posted: 0, extra: 0 };
    for (const id of responses) {
      const n = sink.get(id) ?? 0;
      if (n > 0) c.posted++;
      c.extra += Math.max(0, n - 1);
    }
    const thanks = (await get(`channel=${channel}`)).filter(
      (m) => m.ephemeral_for === user && m.text.startsWith('Thanks, noted'),
    ).length;
    return {
      threads: t,
      commands: c,
      thanks: { expected: clicks, posted: Math.min(thanks, clicks), extra: Math.max(0, thanks - clicks) },
    };
  }

  return {
    /** Only requests the bot accepted (200) owe a reply. */
    record(req: SoakRequest, status: number): void {
      if (status !== 200 || !req.expect) return;
      if ('ts' in req.expect) threads.push(req.expect);
      else if ('responseId' in req.expect) responses.push(req.expect.responseId);
      else if (Date.now() - windowStart >= thanksWindowMs) {
        clicks++;
        windowStart = Date.now();
      }
    },
    count,
    /** Polls until every reply is in, or nothing new arrived for `quietMs`. */
    async settle(quietMs = 15_000): Promise<ReplyReport> {
      let last = await count();
      let lastChange = Date.now();
      const done = (r: ReplyReport) =>
        r.threads.posted === r.threads.expected &&
        r.commands.posted === r.commands.expected &&
        r.thanks.posted === r.thanks.expected;
      while (!done(last) && Date.now() - lastChange < quietMs) {
        await new Promise((r) => setTimeout(r, 500));
        const next = await count();
        if (JSON.stringify(next) !== JSON.stringify(last)) lastChange = Date.now();
        last = next;
      }
      return last;
    },
  };
}
