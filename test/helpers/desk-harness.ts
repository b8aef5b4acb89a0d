import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import type { Workspace, WorkspaceOptions } from '../../src/devtools/workspace/index.js';
import { type RunningDesk, type StartOptions, startPacsDesk } from '../../src/main.js';
import { tempDir } from './temp-dir.js';

/** The secret the harness's workspace signs with, so tests can sign requests of their own. */
export const testSigningSecret = 'test-signing-secret';

export interface DeskHarness {
  desk: RunningDesk;
  ws: Workspace;
  dataDir: string;
  botUrl: string;
  /** Calls the workspace's JSON test API. */
  api<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  /** Everything the bot logged, as JSON lines. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * The whole bot as `npm start` runs it without Slack tokens: the real composition root, the real Bolt
 * app over loopback HTTP, and the local Slack workspace as its Web API and event source.
 */
export async function startDesk(
  env: Record<string, string> = {},
  workspace: Partial<WorkspaceOptions> = {},
  /**
   * Extra start options: `now` (a clock the test moves: SLA clocks, the role cache), `requestClock` (the
   * front's signature window), `shutdownGraceMs`.
   */
  options: Pick<StartOptions, 'now' | 'requestClock' | 'shutdownGraceMs' | 'pacsRetries'> = {},
): Promise<DeskHarness> {
  const dir = tempDir('desk-it-');
  let logText = '';
  const destination = new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: dir.path, WORKSPACE_PORT: '0', KB_WATCH: 'false', ...env });
  const desk = await startPacsDesk(config, {
    logger: createLogger({ level: 'debug', destination }),
    llmMaxRetries: 0,
    slackRetry: { retries: 1, minTimeout: 10, maxTimeout: 50 },
    workspace: { rateLimit: { perSecond: 50, burst: 50 }, signingSecret: testSigningSecret, ...workspace },
    ...options,
  });
  const ws = desk.workspace;
  if (!ws) throw new Error('expected the local workspace to start');
  return {
    desk,
    ws,
    dataDir: dir.path,
    botUrl: `http://127.0.0.1:${desk.port}`,
    async api<T>(path: string, body?: unknown) {
      const response = await fetch(`${ws.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as T;
    },
    logs: () => logText,
    async stop() {
      await desk.stop();
      dir.remove();
    },
  };
}

/** Block text of a message, flattened, for assertions. */
export function blockText(blocks: unknown): string {
  return JSON.stringify(blocks ?? []);
}
