import { cEcho } from '../dimse/dimse-client.js';
import { type AeAlias, EchoCause, type EchoResult } from '../types.js';
import { type ConnectorDeps, defaultCallingAet, defaultEchoTimeoutMs } from './connector-deps.js';

/**
 * C-ECHO from the bot host to a `via: 'direct'` alias. It proves bot→modality only, not the archive's
 * path to it. An alias without host/port/aet answers `unknown_alias` (config validation prevents it).
 */
export async function echoDirect(alias: AeAlias, deps: ConnectorDeps): Promise<EchoResult> {
  if (!alias.host || !alias.port || !alias.aet) return { ok: false, ms: 0, cause: EchoCause.UnknownAlias };
  const outcome = await cEcho({
    host: alias.host,
    port: alias.port,
    calledAet: alias.aet,
    callingAet: deps.callingAet ?? defaultCallingAet,
    timeoutMs: deps.echoTimeoutMs ?? defaultEchoTimeoutMs,
  });
  return outcome.ok ? { ok: true, ms: outcome.ms } : { ok: false, ms: outcome.ms, cause: outcome.cause };
}
