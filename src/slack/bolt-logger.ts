import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../core/logger.js';

/**
 * Bolt, the Web API client and the Socket Mode client put request and response bodies into their log
 * lines: message text, blocks, whatever a lookup returned, and (in JSON parse errors) a slice of the raw
 * body a sender posted. Those lines are dropped or cut before the detail, whatever the level.
 */
const dropped = [
  /^http (request body|response|request result)/,
  /^Received a message on the WebSocket/,
  /^Unable to parse an incoming WebSocket message/,
  /^Error details:/,
];
const cutAfter: [RegExp, string][] = [
  // "Malformed request body: Unexpected token 'M', "{"a": MRN…" is not valid JSON" quotes the body.
  [/^(Malformed request body|Failed to parse the request body|Failed to parse and verify the request data):.*/s, '$1'],
  [/^(ack\(\) (call begins|response stored|response sent)) \(body:.*/s, '$1'],
  [/^(Calling ack\(\) - type: [^,]*), envelope_id: [^,]*, data:.*/s, '$1'],
  // A query string is the sender's text; the path is enough to know what was asked for.
  [/^(Unhandled HTTP request \(\w+\) made to [^?\s]*)\S*/s, '$1'],
];

/** What of a Bolt log line may reach our log, or undefined for none of it. */
export function sanitizeBoltLine(line: string): string | undefined {
  if (dropped.some((pattern) => pattern.test(line))) return undefined;
  for (const [pattern, replacement] of cutAfter) if (pattern.test(line)) return line.replace(pattern, replacement);
  return line;
}

/** Bolt's logger interface over pino, so Bolt's own lines land in the same JSON log. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const format = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const at =
    (write: (line: string) => void) =>
    (...args: unknown[]) => {
      const line = sanitizeBoltLine(format(args));
      if (line !== undefined) write(line);
    };
  return {
    debug: at((line) => child.debug(line)),
    info: at((line) => child.info(line)),
    warn: at((line) => child.warn(line)),
    error: at((line) => child.error(line)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
