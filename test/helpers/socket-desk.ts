import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { createWorkspace, type Workspace } from '../../src/devtools/workspace/index.js';
import { type RunningDesk, startPacsDesk } from '../../src/main.js';
import { tempDir } from './temp-dir.js';

export interface SocketDesk {
  ws: Workspace;
  desk: RunningDesk;
  /** Everything the bot logged (empty at level `silent`). */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * The whole bot as `npm start` runs it with SLACK_APP_TOKEN: the real composition root and Bolt's
 * SocketModeReceiver, connected to a separately started local workspace over a WebSocket (no request URL).
 */
export async function startSocketDesk(level: 'silent' | 'debug' = 'silent'): Promise<SocketDesk> {
  const dir = tempDir('desk-socket-');
  const dataDir = join(dir.path, 'workspace');
  const deskDir = join(dir.path, 'desk');
  mkdirSync(dataDir);
  mkdirSync(deskDir);
  const ws = await createWorkspace({
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
    LOG_LEVEL: level,
  });
  let logText = '';
  const destination = new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  const desk = await startPacsDesk(config, {
    logger: createLogger({ level, destination }),
    llmMaxRetries: 0,
    slackRetry: { retries: 1, minTimeout: 10, maxTimeout: 50 },
  });
  return {
    ws,
    desk,
    logs: () => logText,
    async stop() {
      await desk.stop();
      await ws.stop();
      dir.remove();
    },
  };
}
