import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { AppDatabase } from '../../db/create-database.js';
import type { HelpdeskAdapter } from '../helpdesk/types.js';
import type { DurableTicketStore } from '../ticket-store.js';

/** What `createOutboxRelay` needs; the defaults are 16 attempts, 2 s base delay, 15 min cap, 5 min lease. */
export interface OutboxRelayOptions {
  database: AppDatabase;
  store: DurableTicketStore;
  adapter: HelpdeskAdapter;
  logger: Logger;
  /** Stamps attempts and decides what is due; default `systemClock`. */
  now?: Clock;
  /** Attempts before a row is dead-lettered; 16 keeps retrying for at least ~80 minutes (see backoff.ts). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed row stays reserved for the relay calling the helpdesk. */
  leaseMs?: number;
  batchSize?: number;
  random?: () => number;
  /**
   * Told once per dead-lettered row (ids, kind and HTTP status only: never ticket text), so an administrator
   * hears about it where they work; a failing alert is logged and does not stop the relay.
   */
  onDeadLetter?: (dead: DeadLetter) => Promise<void> | void;
}

/** What an administrator is told about a row the relay gave up on. */
export interface DeadLetter {
  ticketKey: string;
  kind: string;
  system: string;
  attempts?: number;
  status?: number;
}

export interface RelayRun {
  delivered: number;
  retried: number;
  dead: number;
}

export interface OutboxRelay {
  /** Delivers what is due, each ticket's rows in order; a row waits while an earlier one of its ticket is pending. */
  runOnce(): Promise<RelayRun>;
  start(intervalMs: number): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** Re-queues dead-lettered rows; returns how many. */
  redriveDead(): Promise<number>;
}
