import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import type { NewTicket } from '../../src/tickets/types.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A database location that can be opened, closed and opened again (a restart), then removed. */
export interface TestLocation {
  /** Where another process finds the same database. */
  dataDir: string;
  databaseUrl?: string;
  open(): Promise<AppDatabase>;
  cleanup(): Promise<void>;
}

/** The same suites run on SQLite (a temp folder) and on the local PostgreSQL server (a temp database). */
export const backends = [
  {
    name: 'SQLite',
    async location(): Promise<TestLocation> {
      const dir = tempDir();
      return {
        dataDir: dir.path,
        open: () => createDatabase({ dataDir: dir.path }),
        cleanup: async () => dir.remove(),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async location(): Promise<TestLocation> {
      const temp = await createTempDatabase();
      return {
        dataDir: '/unused',
        databaseUrl: temp.url,
        open: () => createDatabase({ dataDir: '/unused', databaseUrl: temp.url }),
        cleanup: () => temp.drop(),
      };
    },
  },
];

/** A clock that moves only when told to. */
export function fakeClock(start = '2026-03-02T09:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: (): number => t,
    advance(ms: number) {
      t += ms;
    },
    iso: () => new Date(t).toISOString(),
  };
}

/** A realistic new ticket; override what the test cares about. */
export function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    requesterId: 'U0REQ',
    summary: 'CT head from ED not showing in PACS',
    description: 'Scanned 20 minutes ago, not on the worklist in the viewer.',
    category: 'missing_study',
    urgency: 'urgent',
    site: 'Main campus',
    ...overrides,
  };
}
