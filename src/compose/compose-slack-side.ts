import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { createRoleResolver } from '../slack/roles/role-resolver.js';
import { createSlackClients, type SlackRetryOptions } from '../slack/slack-clients.js';
import { createSlackRateGate } from '../slack/slack-rate-gate.js';
import type { ComposedCluster } from './compose-cluster.js';
import type { Core } from './compose-core.js';
import { wireFanOut } from './fan-out.js';

/**
 * The Slack clients, the role resolver and what every replica must hear about them: a 429 on one replica holds
 * that Web API method on all (the rate gate sits in every client's fetch), role-group changes drop the others'
 * caches, and `/pacs reindex` or a KB file change re-reads every replica's knowledge base.
 */
export function composeSlackSide(
  config: Config,
  deps: { core: Core; cluster: ComposedCluster; logger: Logger; now: Clock; slackRetry?: SlackRetryOptions },
) {
  const { core, logger, now } = deps;
  const rateGate = createSlackRateGate({ now });
  const slack = createSlackClients({
    slack: config.slack,
    fetch: core.fetch,
    logger,
    retryConfig: deps.slackRetry,
    rateGate,
  });
  const roles = createRoleResolver(slack.botClient, config.roles, logger, now);
  const fanOut = wireFanOut({ bus: deps.cluster.bus, kb: core.kb, roles, rateGate, logger });
  return { slack, roles, fanOut };
}
