import { resolve } from 'node:path';
import { type Config, loadConfig, readDotEnv } from '../config.js';
import { type AppDatabase, createDatabase } from '../db/create-database.js';
import type { CliIo } from './io.js';

/**
 * The configuration a CLI command runs with: `.env` in its working directory under the real environment, as
 * `npm start` reads it; `overrides` win over both (e.g. `KB_WATCH=false` for a one-shot command) and `defaults`
 * apply only where neither sets a variable (e.g. a quieter `LOG_LEVEL`).
 */
export function loadCliConfig(io: CliIo, overrides: NodeJS.ProcessEnv = {}, defaults: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ ...defaults, ...readDotEnv(resolve(io.cwd, '.env'), io.env), ...overrides }, io.cwd);
}

/** Opens the bot's own database (DATABASE_URL, else SQLite under DATA_DIR) for one command, and closes it after. */
export async function withCliDatabase<T>(config: Config, run: (database: AppDatabase) => Promise<T>): Promise<T> {
  const database = await createDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}
