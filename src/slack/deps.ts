import type { AnswerService } from '../answers/answer-service.js';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import type { OnceClaims } from '../cluster/once-claims.js';
import type { KbGapsHome } from '../compose/kb-gaps-home.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import type { InterfacesReport, InterfacesUnavailable } from '../interfaces/interfaces-report.js';
import type { DraftSettings } from '../kb/drafts/draft-settings.js';
import type { IndexStats } from '../kb/types.js';
import type { StateStore } from '../state/create-state-store.js';
import type { PacsDeps } from './pacs/pacs-context.js';
import type { RoleResolver } from './roles/role-resolver.js';
import type { TicketContext } from './tickets/ticket-context.js';

/** What the Slack adapters need from the rest of the bot; built by the composition root (`composeDesk`). */
export interface SlackDeps {
  answers: AnswerService;
  feedback: FeedbackStore;
  state: StateStore;
  /** Once-only keys shared by every replica (double clicks, a second 🎫, a resubmitted modal). */
  dedupe: OnceClaims;
  logger: Logger;
  /** Stream LLM answers into Slack as they are written (only meaningful with an LLM). */
  streaming: boolean;
  /** `/pacs interfaces`: the interface engine's report; absent when INTERFACE_ENGINE is none. */
  interfaces?: () => Promise<InterfacesReport | InterfacesUnavailable>;
  /** Re-reads changed knowledge-base files (`/pacs reindex`). */
  reindex(): Promise<IndexStats>;
  /** Figures for the App Home tab. */
  home(): { documents: number; indexedAt: number; llm: boolean };
  /** KB gaps on App Home for the KB owners (`KB_OWNERS_GROUP`, else admins). */
  kbGaps?: KbGapsHome;
  /** KB answer drafts from tickets: the KB folder and who reviews drafts. */
  drafts?: DraftSettings;
  /** Per-channel behaviour and the ticket queues (`CHANNELS_CONFIG`). */
  channels: ChannelDirectory;
  /** Who is an associate or admin (user groups and id lists, cached). */
  roles: RoleResolver;
  /** Tickets, when on: the store, the flows and where triage happens. */
  tickets?: TicketContext;
  /** PACS checks, when a PACS is configured. */
  pacs?: PacsDeps;
  /** Clock for SLA clocks, reminders and check results; tests pass a fixed one. */
  now: Clock;
  /** For /readyz: false until the knowledge base is indexed, and again while shutting down. */
  isReady(): boolean;
}
