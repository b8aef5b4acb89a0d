import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { localWorkspaceDefaults } from '../src/devtools/workspace/defaults.js';
import { freePort, type Target, track, untilUp } from './soak-process.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface SlackSide {
  apiUrl: string;
  signingSecret: string;
  botToken: string;
}

/**
 * PACS Desk exactly as `npm start` runs it in HTTP mode (node dist/main.js), pointed at the local workspace as
 * its Slack Web API; no LLM, no PACS, SQLite under dataDir. Only the variables set here reach it.
 */
export async function startDeskProcess(slack: SlackSide, dataDir: string): Promise<Target> {
  const port = await freePort();
  // SOAK_NODE_ARGS: diagnostics only (e.g. --trace-gc, printed); the figures are measured without.
  const diagnostics = process.env.SOAK_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...diagnostics, 'dist/main.js'], {
    // SOAK_DESK_DIR: soak another build of PACS Desk (e.g. an older commit, built), same load and checks.
    cwd: process.env.SOAK_DESK_DIR ?? root,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      KB_WATCH: 'false',
      LOG_LEVEL: 'warn',
      ...localWorkspaceDefaults,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  const target = track(child, url);
  await untilUp(`${url}/readyz`, child).catch(async (error) => {
    await target.stop();
    throw new Error(`${(error as Error).message}\n${target.errorLines().join('\n')}`);
  });
  return target;
}

/** The baseline: Bolt alone behind its own HTTPReceiver, acking every event, command and action with nothing. */
const bareBolt = `
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
const receiver = new HTTPReceiver({ signingSecret: process.env.SECRET, logLevel: LogLevel.ERROR });
const app = new App({ token: process.env.TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.API_URL } });
app.event('app_mention', async () => {});
app.event('message', async () => {});
app.command('/pacs', async ({ ack }) => { await ack(); });
app.action(/.*/, async ({ ack }) => { await ack(); });
await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

export async function startBareBoltProcess(slack: SlackSide): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', bareBolt], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      SECRET: slack.signingSecret,
      TOKEN: slack.botToken,
      API_URL: slack.apiUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  const target = track(child, url);
  await untilUp(`${url}/`, child);
  return target;
}
