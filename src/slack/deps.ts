import type { AnswerService } from '../answers/answer-service.js';
import type { Logger } from '../core/logger.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import type { IndexStats } from '../kb/types.js';
import type { StateStore } from '../state/create-state-store.js';
import type { TicketStore } from '../tickets/store-types.js';
import type { PacsDeps } from './pacs/pacs-context.js';
import type { RoleSettings } from './roles/role-resolver.js';

/** What the Slack adapters need from the rest of the bot; built in main.ts. */
export interface SlackDeps {
  answers: AnswerService;
  feedback: FeedbackStore;
  state: StateStore;
  dedupe: { claim(eventId: string): Promise<boolean>; release(eventId: string): Promise<void> };
  logger: Logger;
  /** Stream LLM answers into Slack as they are written (only meaningful with an LLM). */
  streaming: boolean;
  /** Re-reads changed knowledge-base files (`/pacs reindex`). */
  reindex(): Promise<IndexStats>;
  /** Figures for the App Home tab. */
  home(): { documents: number; indexedAt: number; llm: boolean };
  /** Who is an associate or admin (user groups and id lists). */
  roleSettings: RoleSettings;
  /** Tickets, when on: the store and where triage happens. */
  tickets?: {
    store: TicketStore;
    triageChannel?: string;
    oncallGroup?: string;
    reminderUntouchedMinutes: number;
    reminderIntervalSeconds: number;
  };
  /** PACS checks, when a PACS is configured. */
  pacs?: PacsDeps;
  /** Clock for SLA clocks and reminders; tests pass a fixed one. */
  now?: () => Date;
  /** For /readyz: false until the knowledge base is indexed, and again while shutting down. */
  isReady(): boolean;
}
