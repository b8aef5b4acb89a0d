import { postgresBackend } from '../cluster/backends/postgres.js';
import { createClaims } from '../cluster/claims.js';
import { createOnceClaims } from '../cluster/once-claims.js';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { createDatabase } from '../db/create-database.js';
import { createFeedbackStore } from '../feedback/feedback-store.js';
import { createStateStore } from '../state/create-state-store.js';
import { createTicketStore } from '../tickets/ticket-store.js';

export type Stores = Awaited<ReturnType<typeof composeStores>>;

/** The bot's stores: state (keyv), once-only claims, and the database with feedback and tickets. */
export async function composeStores(config: Config, options: { logger?: Logger; now?: Clock } = {}) {
  const { logger } = options;
  const state = await createStateStore({ dataDir: config.dataDir, redisUrl: config.redisUrl });
  const database = await createDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onConnectionLost: (error) => logger?.warn({ code: (error as { code?: string }).code }, 'database connection lost'),
  });
  // Claims live in the database (PostgreSQL shared by the replicas, or SQLite): atomic, and kept across restarts.
  const claims = createClaims(postgresBackend(database.db), { now: options.now });
  return {
    state,
    claims,
    dedupe: createOnceClaims(claims),
    feedback: createFeedbackStore(database, options.now),
    database,
    tickets: createTicketStore(database, {
      slaTargets: config.tickets.slaMinutes,
      outbox: config.helpdesk.system !== 'none',
      now: options.now,
    }),
    async close() {
      await database.close();
      await state.disconnect();
    },
  };
}
