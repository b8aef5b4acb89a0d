import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../core/logger.js';

/**
 * The Web API client logs whole request and response bodies at debug level: message text, blocks and
 * whatever a lookup returned. Those lines never reach our log, whatever the level.
 */
const bodyLine = /^http (request body|response|request result)/;

/** Bolt's logger interface over pino, so Bolt's own lines land in the same JSON log. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const format = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    debug: (...args) => {
      const line = format(args);
      if (!bodyLine.test(line)) child.debug(line);
    },
    info: (...args) => child.info(format(args)),
    warn: (...args) => child.warn(format(args)),
    error: (...args) => child.error(format(args)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
