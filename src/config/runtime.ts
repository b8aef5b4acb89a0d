import { z } from 'zod';
import { bool, type Fixes, int } from './fields.js';
import { plainHttpFix } from './plain-http.js';

/** Process-wide settings: outbound HTTP, logging, shutdown. */
export const runtimeSchema = z.object({
  HTTP_TIMEOUT_MS: int(10_000, 500, 300_000),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 120_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  ALLOW_PLAINTEXT_HTTP: bool(false),
});

export const runtimeFixes = {
  HTTP_TIMEOUT_MS: 'use milliseconds between 500 and 300000',
  SHUTDOWN_GRACE_MS: 'use milliseconds between 0 and 120000',
  LOG_LEVEL: 'use one of fatal, error, warn, info, debug, trace, silent',
  ALLOW_PLAINTEXT_HTTP: plainHttpFix,
} satisfies Fixes<z.infer<typeof runtimeSchema>>;
