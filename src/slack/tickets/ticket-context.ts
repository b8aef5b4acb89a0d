import type { ChannelDirectory } from '../../channels/channel-directory.js';
import type { OnceClaims } from '../../cluster/once-claims.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { StateStore } from '../../state/create-state-store.js';
import type { TicketStore } from '../../tickets/store-types.js';
import type { PacsDeps } from '../pacs/pacs-context.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { TicketFlows } from './ticket-flows.js';
import type { TicketNotifier } from './ticket-notifier.js';

/** What every ticket listener needs; built once in createSlackApp when tickets are on. */
export interface TicketContext {
  store: TicketStore;
  flows: TicketFlows;
  notifier: TicketNotifier;
  roles: RoleResolver;
  state: StateStore;
  /** Claims an id once (double submits, repeated reactions). */
  /** Once-only keys shared by every replica (double clicks, a second 🎫, a resubmitted modal). */
  dedupe: OnceClaims;
  logger: Logger;
  /** The default queue's triage channel and on-call group (`TRIAGE_CHANNEL`, `ONCALL_GROUP`). */
  triageChannel?: string;
  oncallGroup?: string;
  /** The queues (`CHANNELS_CONFIG`): where each ticket's card goes, who is paged, its SLA targets. */
  channels?: ChannelDirectory;
  /** With a PACS configured, study-related tickets get checks attached. */
  pacs?: PacsDeps;
  /** SLA clocks, queue order and reminders read the time here. */
  now: Clock;
}
