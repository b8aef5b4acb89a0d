import type { InboxBackend } from '../../src/cluster/inbox.js';
import { memoryInboxBackend } from '../../src/cluster/inbox-backends/memory.js';
import { sqlInboxBackend } from '../../src/cluster/inbox-backends/sql.js';
import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A stored inbox row as a test inspects it. */
export interface StoredRow {
  owner: string;
  state: string;
  payload: string | null;
  attempts: number;
}

/** Several replicas' views of one shared inbox store, each with its own connection, and one manual clock. */
export interface InboxStore {
  backends: InboxBackend[];
  now: () => number;
  advance(ms: number): void;
  /** The row as stored, read straight from the store (not through the backend under test). */
  row(key: string): Promise<StoredRow | undefined>;
  close(): Promise<void>;
}

export interface InboxCase {
  name: string;
  open(replicas: number): Promise<InboxStore>;
}

function manualClock() {
  let at = 1_800_000_000_000;
  return {
    now: () => at,
    advance(ms: number) {
      at += ms;
    },
  };
}

const memory: InboxCase = {
  name: 'memory',
  async open(replicas) {
    const shared = memoryInboxBackend();
    return {
      ...manualClock(),
      backends: Array.from({ length: replicas }, () => shared),
      async row(key) {
        const row = shared.rows.get(key);
        return row && { owner: row.owner, state: row.state, payload: row.payload, attempts: row.attempts };
      },
      close: async () => {},
    };
  },
};

/** `databaseUrl` undefined: SQLite files in one temp dir, opened once per replica. */
async function sqlStore(replicas: number, databaseUrl?: string, drop?: () => Promise<void>): Promise<InboxStore> {
  const dir = tempDir();
  const databases: AppDatabase[] = [];
  // One after another: the first runs the migrations, the others find them done.
  for (let i = 0; i < replicas; i++) databases.push(await createDatabase({ dataDir: dir.path, databaseUrl }));
  return {
    ...manualClock(),
    backends: databases.map(({ db }) => sqlInboxBackend(db)),
    async row(key) {
      const row = await databases[0]!.db
        .selectFrom('cluster_inbox')
        .select(['owner', 'state', 'payload', 'attempts'])
        .where('key', '=', key)
        .executeTakeFirst();
      return row && { ...row, attempts: Number(row.attempts) };
    },
    async close() {
      await Promise.all(databases.map((d) => d.close()));
      await drop?.();
      dir.remove();
    },
  };
}

const sqlite: InboxCase = { name: 'SQLite', open: (replicas) => sqlStore(replicas) };

const postgres: InboxCase = {
  name: 'PostgreSQL',
  async open(replicas) {
    const database = await createTempDatabase();
    return sqlStore(replicas, database.url, database.drop);
  },
};

export const inboxCases: readonly InboxCase[] = [memory, sqlite, postgres];
