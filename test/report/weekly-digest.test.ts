import { Writable } from 'node:stream';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryBackend } from '../../src/cluster/backends/memory.js';
import { createClaims } from '../../src/cluster/claims.js';
import { createLogger } from '../../src/core/logger.js';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { pngSize } from '../../src/report/render-png.js';
import { postWeeklyDigest } from '../../src/report/weekly-digest.js';
import { weeklyDigestTask } from '../../src/report/weekly-digest-task.js';
import { emptyQueue, type WeeklySources } from '../../src/report/weekly-report.js';
import { startWorkspace, TOKEN, testApi } from '../devtools/helpers.js';

const CHANNEL = 'C0PTRIAGE';
let ws: Workspace;
let close: () => Promise<void>;
let client: WebClient;

const sources = (): WeeklySources => ({
  tickets: async () => ({
    queues: [
      {
        id: 'default',
        opened: 7,
        resolved: 5,
        firstResponseP50Min: 12,
        resolutionP50Min: 300,
        slaBreaches: 1,
        csat: 4.5,
      },
      { ...emptyQueue('ed'), opened: 2, resolved: 2, firstResponseP50Min: 3, resolutionP50Min: 45 },
    ],
    byCategory: { missing_study: 5, viewer_access: 4 },
  }),
  deflection: async () => ({ questions: 40, answeredNoTicket: 31, ticketsFromAnswers: 3 }),
  gaps: async () => [{ topic: 'mammo priors from the old archive', count: 4 }],
  incidents: async () => [
    { key: 'queue:main', summary: 'Main PACS: 12 failed transfers', since: '2026-03-04T10:00:00Z' },
  ],
  queues: () => [
    { id: 'default', name: 'PACS', categories: [], sites: [], slaMinutes: { stat: 60, urgent: 240, routine: 480 } },
  ],
});

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

beforeAll(async () => {
  ({ ws, close } = await startWorkspace({ rateLimit: { perSecond: 1000, burst: 1000 } }));
  client = new WebClient(TOKEN, { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterAll(() => close());
afterEach(() => vi.useRealTimers());

interface Posted {
  text: string;
  blocks: { type: string; text?: { text: string } }[] | null;
  files?: { url_private: string; original_w: number; title: string }[];
}

describe('weekly manager digest', () => {
  it('posts the digest blocks and the chart as an uploaded PNG in the digest channel', async () => {
    const until = new Date('2026-03-09T08:00:00Z');
    const { fileId } = await postWeeklyDigest({ client, fetch, sources: sources(), channel: CHANNEL, until });
    const messages = await testApi<Posted[]>(ws, `messages?channel=${CHANNEL}`);
    const digest = messages.find((m) => m.text.startsWith('Weekly PACS Desk digest'));
    const body = JSON.stringify(digest?.blocks);
    expect(body).toContain('2026-03-02 to 2026-03-09');
    expect(body).toContain(
      '*default*: 7 opened, 5 resolved · first response p50 12 min · resolution p50 5 h (target 8 h)',
    );
    expect(body).toContain('40 questions · 31 answered with no ticket within a day · 3 tickets opened from an answer');
    expect(body).toContain('mammo priors from the old archive (4)');
    expect(body).toContain('Main PACS: 12 failed transfers');
    expect(body).toContain('missing study 5 · viewer access 4');

    const share = messages.find((m) => m.files?.length);
    expect(share?.files?.[0]?.title).toBe('Tickets by queue, 2026-03-02 to 2026-03-09');
    const bytes = Buffer.from(await (await fetch(String(share?.files?.[0]?.url_private))).arrayBuffer());
    expect(pngSize(bytes)).toEqual({ width: 800, height: 420 });
    expect((await client.files.info({ file: fileId })).file?.size).toBe(bytes.length);
  });

  it('a failed upload is logged, crashes nothing, is not retried, and the next slot runs again', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-06T12:00:00'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { logger, lines } = capturedLogger();
    const claims = createClaims(memoryBackend());
    const calls: string[] = [];
    let failNext = true;
    const fakeClient = {
      chat: { postMessage: async () => ({ ts: '1.000001' }) },
      files: {
        getUploadURLExternal: async () => {
          calls.push('getUploadURLExternal');
          if (failNext) {
            failNext = false;
            throw new Error('An API error occurred: ratelimited');
          }
          return { upload_url: 'http://127.0.0.1:9/upload', file_id: 'F0000000001' };
        },
        completeUploadExternal: async () => calls.push('completeUploadExternal'),
      },
    };
    const fakeFetch = (async () => new Response('OK - 1')) as unknown as typeof fetch;
    const deps = {
      channel: CHANNEL,
      cron: '0 8 * * 1',
      client: fakeClient,
      fetch: fakeFetch,
      sources: sources(),
      claims,
      logger,
      now: Date.now,
    };
    const task = weeklyDigestTask(deps);
    // A second replica (an old leader that has not noticed yet) shares the claims: each slot runs once.
    const other = weeklyDigestTask({ ...deps, claims });
    task?.start();
    other?.start();
    await vi.advanceTimersByTimeAsync(3 * 24 * 3600_000); // Monday 9 March 08:00 passes
    expect(calls).toEqual(['getUploadURLExternal']);
    const failed = lines.find((l) => l.msg === 'weekly digest failed');
    expect(failed).toMatchObject({ level: 50, slot: new Date('2026-03-09T08:00:00').toISOString() });
    expect(String(failed?.err)).toContain('files.getUploadURLExternal');
    await vi.advanceTimersByTimeAsync(7 * 24 * 3600_000); // the next Monday
    expect(calls).toEqual(['getUploadURLExternal', 'getUploadURLExternal', 'completeUploadExternal']);
    expect(lines.filter((l) => l.msg === 'weekly digest posted')).toHaveLength(1);
    task?.stop();
    other?.stop();
    await vi.advanceTimersByTimeAsync(7 * 24 * 3600_000);
    expect(calls).toHaveLength(3);
  });

  it('is not scheduled without DIGEST_CHANNEL', () => {
    const { logger } = capturedLogger();
    const claims = createClaims(memoryBackend());
    const none = weeklyDigestTask({
      channel: undefined,
      cron: '0 8 * * 1',
      client,
      fetch,
      sources: sources(),
      claims,
      logger,
      now: Date.now,
    });
    expect(none).toBeUndefined();
  });
});
