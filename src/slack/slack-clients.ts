import { type RetryOptions, WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config.js';
import type { FetchLike } from '../core/http.js';
import type { Logger } from '../core/logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { createTokenHealth, type TokenHealth } from './front/token-health.js';
import type { SlackRateGate } from './slack-rate-gate.js';

/** Web API retry policy (tests use few and short retries). */
export type SlackRetryOptions = RetryOptions;

/** The Web API side of the bot, shared by the Bolt app and the work it does outside a request. */
export interface SlackClients {
  /** Options every Slack client is built with (Bolt's own client included): API URL, watched (and gated) fetch, retries. */
  clientOptions: { slackApiUrl?: string; fetch: FetchLike; retryConfig: RetryOptions };
  /** The bot token's client, for notifications, reminders, role lookups and monitor alerts. */
  botClient: WebClient;
  tokenHealth: TokenHealth;
  /** Posts an operational alert (no PHI) to a channel; a failure is logged, not thrown. */
  postAlert(channel: string, text: string): Promise<void>;
}

/**
 * Builds the bot's Slack clients. Every client's fetch watches for a revoked or invalid token: readiness
 * then fails while the process stays up.
 */
export function createSlackClients(options: {
  slack: SlackConfig;
  fetch: FetchLike;
  logger: Logger;
  /** Web API retries; tests use few and short ones. */
  retryConfig?: RetryOptions;
  /** Holds calls to rate-limited methods (tokenHealth → gate → network); several replicas share its holds. */
  rateGate?: SlackRateGate;
}): SlackClients {
  const { slack, logger } = options;
  const tokenHealth = createTokenHealth({
    fetch: options.rateGate ? options.rateGate.wrap(options.fetch) : options.fetch,
    authTest: () => botClient.auth.test(),
    onDead: () =>
      logger.error({ code: 'slack_token_dead' }, 'Slack rejected the bot token; /readyz fails until it is replaced'),
  });
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    fetch: tokenHealth.fetch,
    retryConfig: options.retryConfig ?? { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
  };
  const botClient = new WebClient(slack.botToken, { ...clientOptions, logger: toBoltLogger(logger) });
  return {
    clientOptions,
    botClient,
    tokenHealth,
    async postAlert(channel, text) {
      await botClient.chat
        .postMessage({ channel, text, unfurl_links: false, unfurl_media: false })
        .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'alert post failed'));
    },
  };
}
