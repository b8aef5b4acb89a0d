import { isUnreachable } from '../http/pacs-error.js';
import { EchoCause, type EchoResult } from '../types.js';

/**
 * Times an echo asked through the archive; an archive that cannot be reached (outage, open breaker)
 * becomes `{ ok: false, cause: 'unreachable' }` instead of an error, so the answer always names a cause.
 */
export async function timedEcho(ask: (elapsedMs: () => number) => Promise<EchoResult>): Promise<EchoResult> {
  const t0 = performance.now();
  const elapsedMs = () => Math.round(performance.now() - t0);
  try {
    return await ask(elapsedMs);
  } catch (error) {
    if (isUnreachable(error)) return { ok: false, ms: elapsedMs(), cause: EchoCause.Unreachable };
    throw error;
  }
}
