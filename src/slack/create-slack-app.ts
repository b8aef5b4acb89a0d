import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import { BotError, ErrorCode } from '../core/errors.js';
import type { FetchLike } from '../core/http.js';
import { toBoltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { createHttpFront } from './http-front.js';
import { registerListeners } from './listeners/index.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  fetch: FetchLike;
  deps: SlackDeps;
  /** Web API retries; tests use few and short ones. */
  retryConfig?: RetryOptions;
}

export interface SlackBot {
  app: App;
  /** Listens (HTTP) or connects (Socket Mode); resolves with the HTTP port. */
  start(): Promise<{ port: number; botUserId?: string }>;
  stop(): Promise<void>;
}

/** Builds the Bolt app for HTTP mode or Socket Mode; the token is checked with auth.test at start. */
export function createSlackApp(options: SlackAppOptions): SlackBot {
  const { slack, deps } = options;
  const logger = toBoltLogger(deps.logger);
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    fetch: options.fetch,
    retryConfig: options.retryConfig ?? { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
  };
  const socket = slack.mode === 'socket';
  const receiver = socket
    ? undefined
    : new HTTPReceiver({
        signingSecret: slack.signingSecret ?? '',
        endpoints: '/slack/events',
        logger,
        processBeforeResponse: false,
      });
  const app = new App({
    token: slack.botToken,
    logger,
    clientOptions,
    ...(socket ? { socketMode: true, appToken: slack.appToken, installerOptions: { port: slack.port } } : { receiver }),
  });
  app.error(async (error) => {
    deps.logger.error(
      { code: (error as { code?: string }).code, err: error.message },
      'unhandled Slack listener error',
    );
  });
  registerListeners(app, deps);
  const server = receiver
    ? createHttpFront({ boltListener: receiver.requestListener, isReady: deps.isReady })
    : undefined;

  return {
    app,
    async start() {
      const auth = await app.client.auth.test().catch((error: unknown) => {
        throw new BotError(ErrorCode.ConfigInvalid, `Slack rejected SLACK_BOT_TOKEN (${(error as Error).message})`, {
          cause: error,
          userMessage: 'Check SLACK_BOT_TOKEN (and SLACK_API_URL, if set): Slack did not accept the token.',
        });
      });
      if (!server) {
        await app.start();
        return { port: slack.port, botUserId: auth.user_id };
      }
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(slack.port, slack.host, resolve);
      });
      return { port: (server.address() as AddressInfo).port, botUserId: auth.user_id };
    },
    async stop() {
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      else await app.stop();
    },
  };
}
