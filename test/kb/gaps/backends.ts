import { type AppDatabase, createDatabase } from '../../../src/db/create-database.js';
import { createTempDatabase } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** The two databases the knowledge loop runs on: SQLite in a temp dir, and a throwaway PostgreSQL database. */
export const backends = [
  {
    name: 'SQLite',
    async open(): Promise<{ database: AppDatabase; cleanup: () => Promise<void> }> {
      const dir = tempDir();
      const database = await createDatabase({ dataDir: dir.path });
      return { database, cleanup: async () => dir.remove() };
    },
  },
  {
    name: 'PostgreSQL',
    async open(): Promise<{ database: AppDatabase; cleanup: () => Promise<void> }> {
      const temp = await createTempDatabase();
      const database = await createDatabase({ dataDir: '/unused', databaseUrl: temp.url });
      return { database, cleanup: () => temp.drop() };
    },
  },
];
