import { type ComposeOptions, type Core, composeCore } from '../compose/compose-core.js';
import { createLogger } from '../core/logger.js';
import { loadCliConfig } from './cli-config.js';
import type { CliIo } from './io.js';

/** The knowledge base and answer service for a one-shot command: no watcher, logs only warnings unless LOG_LEVEL says. */
export async function loadCliCore(
  io: CliIo,
  overrides: { kbDir?: string } & Partial<ComposeOptions> = {},
): Promise<Core> {
  const config = loadCliConfig(
    io,
    { ...(overrides.kbDir ? { KB_DIR: overrides.kbDir } : {}), KB_WATCH: 'false' },
    { LOG_LEVEL: 'warn' },
  );
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  return composeCore(config, { ...overrides, logger });
}
