import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { createWorkspace, type Workspace } from '../../src/devtools/workspace/index.js';
import { type RunningDesk, startPacsDesk } from '../../src/main.js';
import { blockText } from '../helpers/desk-harness.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The whole bot as `npm start` runs it with SLACK_APP_TOKEN: the real composition root and Bolt's
 * SocketModeReceiver, connected to the local workspace over a WebSocket (no request URL at all).
 */
let ws: Workspace;
let desk: RunningDesk;
const dir = tempDir('desk-socket-');

beforeAll(async () => {
  const dataDir = join(dir.path, 'workspace');
  const deskDir = join(dir.path, 'desk');
  mkdirSync(dataDir);
  mkdirSync(deskDir);
  ws = await createWorkspace({
    dataDir,
    botToken: 'xoxb-sock',
    appToken: 'xapp-sock',
    signingSecret: 's',
    rateLimit: { perSecond: 50, burst: 50 },
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-sock',
    SLACK_APP_TOKEN: 'xapp-sock',
    SLACK_API_URL: ws.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: deskDir,
    KB_WATCH: 'false',
    LOG_LEVEL: 'silent',
  });
  desk = await startPacsDesk(config, {
    logger: createLogger({ level: 'silent' }),
    llmMaxRetries: 0,
    slackRetry: { retries: 1, minTimeout: 10, maxTimeout: 50 },
  });
});

afterAll(async () => {
  await desk?.stop();
  await ws?.stop();
  dir.remove();
});

describe('PACS Desk in Socket Mode (local workspace over a WebSocket)', () => {
  it('connects with the app-level token and has no local workspace of its own', () => {
    expect(desk.workspace).toBeUndefined();
    expect(ws.socketConnections()).toBe(1);
    expect(ws.calls('apps.connections.open')).toMatchObject([{ ok: true }]);
  });

  it('answers a mention in its thread, citing the knowledge-base page', async () => {
    const res = await fetch(`${ws.url}/api/test/post`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: 'clinician',
        channel: 'radiology-help',
        text: `<@${ws.botUserId}> the viewer opens the exam but says no images`,
      }),
    });
    const post = (await res.json()) as { ts: string; deliveries: { status: number; outcome: string }[] };
    expect(post.deliveries.every((d) => d.outcome === 'acked')).toBe(true);
    const reply = await ws.waitForMessage({ channel: 'radiology-help', thread_ts: post.ts, fromBot: true });
    expect(reply.thread_ts).toBe(post.ts);
    expect(blockText(reply.blocks)).toContain('viewer/images-not-displaying.md');
  });

  it('answers GET /healthz with 200 on its own port', async () => {
    const res = await fetch(`http://127.0.0.1:${desk.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });
});
