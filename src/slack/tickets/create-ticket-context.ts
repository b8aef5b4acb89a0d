import type { WebClient } from '@slack/web-api';
import type { ChannelDirectory } from '../../channels/channel-directory.js';
import type { TicketsConfig } from '../../config.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { StateStore } from '../../state/create-state-store.js';
import type { TicketStore } from '../../tickets/store-types.js';
import { triageChannelFor } from '../../tickets/ticket-queues.js';
import type { Ticket } from '../../tickets/types.js';
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
  /** The queues; without them every ticket is in the default queue. */
  channels?: ChannelDirectory;
  logger: Logger;
  now: Clock;
}): TicketContext {
  const { settings, store, client, state, now } = deps;
  const logger = deps.logger.child({ component: 'tickets' });
  const routing = { channels: deps.channels, triageChannel: settings.triageChannel, oncallGroup: settings.oncallGroup };
  const triageChannel = (ticket: Ticket) => triageChannelFor(routing, ticket);
  const notifier = createTicketNotifier({ client, store, state, triageChannel, logger, now });
  const flows = createTicketFlows({ store, notifier, client, logger, routing });
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
    channels: deps.channels,
    pacs: deps.pacs,
    now,
  };
}
