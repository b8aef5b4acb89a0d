import { createAuditLog, watchAuditLog } from '../audit/index.js';
import type { PacsConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { FetchLike } from '../core/http.js';
import type { AppDatabase } from '../db/create-database.js';
import { checkSettings } from '../pacs/checks/check-settings.js';
import { createCheckRegistry } from '../pacs/checks/registry.js';
import { createConnector } from '../pacs/connectors/create-connector.js';
import { createBreakerRegistry } from '../pacs/http/circuit-breaker.js';
import type { PacsConnector } from '../pacs/types.js';
import { createWorklistSource, type WorklistSource } from '../pacs/worklist/worklist-source.js';

export type ComposedPacs = NonNullable<ReturnType<typeof composePacs>>;

/**
 * Connectors for every configured site (one circuit breaker per endpoint for the whole process), their
 * worklist providers, the check registry and context, and the audit log the checks write to. Undefined when no PACS is configured.
 */
export function composePacs(
  config: PacsConfig,
  deps: { fetch: FetchLike; database: AppDatabase; now: Clock; retries?: number },
) {
  if (config.sites.length === 0) return undefined;
  const s = config.settings;
  const breakers = createBreakerRegistry({});
  // PACS requests get their own deadline (PACS_TIMEOUT_MS) on top of the shared fetch.
  const fetch: FetchLike = (input, init = {}) => {
    const timeout = AbortSignal.timeout(s.timeoutMs);
    return deps.fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
  const connectors: PacsConnector[] = config.sites.map((site) =>
    createConnector(site, {
      fetch,
      breakers,
      retries: deps.retries,
      allowWrites: s.allowWrites,
      echoTimeoutMs: s.echoTimeoutMs,
      callingAet: s.callingAet,
    }),
  );
  const settings = checkSettings({
    allowWrites: s.allowWrites,
    maxMatches: s.maxMatches,
    accession: { pattern: s.accessionPattern, maxLength: 64, hint: `characters matching ${s.accessionPattern.source}` },
    mrn: { pattern: s.mrnPattern, maxLength: 64, hint: `characters matching ${s.mrnPattern.source}` },
    placeholderIds: s.placeholderPatientIds,
    placeholderName: s.placeholderNamePattern,
    fetchWaitMs: s.fetchTimeoutMs,
  });
  const worklists = new Map<string, WorklistSource>();
  for (const site of config.sites) {
    const source = createWorklistSource(site, { fetch, breakers, callingAet: s.callingAet }, s.worklistTimeoutMs);
    if (source) worklists.set(site.id, source);
  }
  const ctx = {
    connectors: new Map(connectors.map((c) => [c.site.id, c] as const)),
    worklists,
    defaultSite: connectors[0]?.site.id ?? '',
    now: deps.now,
    settings,
  };
  const audit = watchAuditLog(createAuditLog(deps.database));
  return {
    registry: createCheckRegistry(),
    ctx,
    audit: audit.log,
    /** For the monitor: PHI-free text while the audit trail cannot be written (raised as an incident). */
    auditProblem: audit.problem,
    connectors,
  };
}
