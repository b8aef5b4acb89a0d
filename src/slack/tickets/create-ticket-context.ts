import type { WebClient } from '@slack/web-api';
import type { TicketsConfig } from '../../config.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { StateStore } from '../../state/create-state-store.js';
import type { TicketStore } from '../../tickets/store-types.js';
import type { PacsDeps } from '../pacs/pacs-context.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { TicketContext } from './ticket-context.js';
import { createTicketFlows } from './ticket-flows.js';
import { createTicketNotifier } from './ticket-notifier.js';

/** The ticket side of the Slack app: notifier (cards, DMs) and flows over the store, for every ticket listener. */
export function createTicketContext(deps: {
  settings: TicketsConfig;
  store: TicketStore;
  client: WebClient;
  roles: RoleResolver;
  state: StateStore;
  dedupe: TicketContext['dedupe'];
  pacs?: PacsDeps;
  logger: Logger;
  now: Clock;
}): TicketContext {
  const { settings, store, client, state, now } = deps;
  const logger = deps.logger.child({ component: 'tickets' });
  const notifier = createTicketNotifier({ client, store, state, triageChannel: settings.triageChannel, logger, now });
  const flows = createTicketFlows({ store, notifier, client, logger });
  return {
    store,
    flows,
    notifier,
    roles: deps.roles,
    state,
    dedupe: deps.dedupe,
    logger,
    triageChannel: settings.triageChannel,
    oncallGroup: settings.oncallGroup,
    pacs: deps.pacs,
    now,
  };
}
