import { resolve } from 'node:path';
import { type ComposeOptions, type Core, composeCore } from '../compose/compose-core.js';
import { loadConfig, readDotEnv } from '../config.js';
import { createLogger } from '../core/logger.js';
import type { CliIo } from './io.js';

/** The knowledge base and answer service for a one-shot command: no watcher, logs only on warnings. */
export async function loadCliCore(
  io: CliIo,
  overrides: { kbDir?: string } & Partial<ComposeOptions> = {},
): Promise<Core> {
  const env = readDotEnv(resolve(io.cwd, '.env'), io.env);
  const config = loadConfig(
    { ...env, ...(overrides.kbDir ? { KB_DIR: overrides.kbDir } : {}), KB_WATCH: 'false' },
    io.cwd,
  );
  const logger = overrides.logger ?? createLogger({ level: env.LOG_LEVEL === undefined ? 'warn' : config.logLevel });
  return composeCore(config, { ...overrides, logger });
}
