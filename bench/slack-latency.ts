import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createWorkspace, signSlackRequest, type Workspace } from '../src/devtools/workspace/index.js';
import { type DeskHarness, startDesk, testSigningSecret } from '../test/helpers/desk-harness.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { ms, percentile, printTable } from './stats.js';

const ackRounds = 300;
const roundTrips = 60;
const questions = [
  'the viewer opens the exam but says no images',
  'how do i get old scans from the archive to compare',
  'patient is not on the scanner worklist',
  'how do I burn a cd for the patient to take home',
  'new locum needs pacs access',
];

/** The baseline: Bolt alone behind its own HTTPReceiver, answering every mention with one say(). */
async function startBareBolt(ws: Workspace, secret: string, token: string) {
  const receiver = new HTTPReceiver({ signingSecret: secret, logLevel: LogLevel.ERROR });
  const app = new App({ token, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: ws.apiUrl } });
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: 'ok', thread_ts: event.ts });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as { address(): AddressInfo };
  const url = `http://127.0.0.1:${server.address().port}`;
  ws.setBotEventsUrl(`${url}/slack/events`);
  return { url, stop: () => app.stop() };
}

/** Time for the bot to answer a signed Events API request (what Slack's 3-second timer measures). */
async function ackLatencies(botUrl: string, secret: string, botUserId: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < ackRounds + 20; i++) {
    const body = JSON.stringify({
      token: 'x',
      team_id: 'T0PACSDESK',
      api_app_id: 'A0PACSDESK',
      type: 'event_callback',
      event_id: `EvBench${Date.now()}${i}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'app_mention',
        user: 'U0CLINIC1',
        channel: 'C0RADHELP',
        ts: `${Date.now() / 1000}`,
        text: `<@${botUserId}> ${questions[i % questions.length]}`,
      },
    });
    const started = performance.now();
    const response = await fetch(`${botUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signSlackRequest(secret, body, Math.floor(Date.now() / 1000)) },
      body,
    });
    await response.arrayBuffer();
    if (i >= 20) times.push(performance.now() - started); // the first 20 warm the JIT
  }
  return times;
}

/** Question posted in the workspace → the bot's reply stored in the thread. */
async function roundTrip(
  api: (path: string, body: unknown) => Promise<{ ts: string }>,
  ws: Workspace,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < roundTrips + 5; i++) {
    const started = performance.now();
    const { ts } = await api('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${ws.botUserId}> ${questions[i % questions.length]}`,
    });
    await ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    if (i >= 5) times.push(performance.now() - started);
  }
  return times;
}

export async function run(): Promise<void> {
  // PACS Desk, as npm start runs it (local workspace, bundled KB, no LLM).
  const desk: DeskHarness = await startDesk({ LOG_LEVEL: 'silent' });
  const deskTrip = await roundTrip((p, b) => desk.api(p, b), desk.ws);
  const deskAck = await ackLatencies(desk.botUrl, testSigningSecret, desk.ws.botUserId);
  await desk.stop();

  // Baseline: a bare Bolt app that replies "ok", through the same workspace.
  const dir = tempDir('bench-bolt-');
  const baseSecret = 'bench-secret';
  const token = 'xoxb-bench';
  const ws = await createWorkspace({
    dataDir: dir.path,
    signingSecret: baseSecret,
    botToken: token,
    rateLimit: { perSecond: 1000, burst: 1000 },
  });
  const bolt = await startBareBolt(ws, baseSecret, token);
  const api = async (path: string, body: unknown) =>
    (await (
      await fetch(`${ws.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { ts: string };
  const boltTrip = await roundTrip(api, ws);
  const boltAck = await ackLatencies(bolt.url, baseSecret, ws.botUserId);
  await bolt.stop();
  await ws.stop();
  dir.remove();

  printTable(
    `Slack latency — ${ackRounds} signed events, ${roundTrips} questions (local workspace on loopback)`,
    ['PACS Desk', 'bare Bolt (baseline)'],
    [
      ['event ack p50', ms(percentile(deskAck, 50)), ms(percentile(boltAck, 50))],
      ['event ack p99', ms(percentile(deskAck, 99)), ms(percentile(boltAck, 99))],
      ['question → answer p50', ms(percentile(deskTrip, 50)), ms(percentile(boltTrip, 50))],
      ['question → answer p99', ms(percentile(deskTrip, 99)), ms(percentile(boltTrip, 99))],
    ],
  );
  console.log(
    'Targets: ack p99 < 50 ms. The baseline replies "ok" without searching; the difference is retrieval + answer building.',
  );
}
