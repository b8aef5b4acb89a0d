import type { FetchLike } from '../../core/http.js';
import type { ConnectorDeps } from '../connectors/connector-deps.js';
import type { DimsePeer } from '../dimse/dimse-client.js';
import type { SiteConfig } from '../types.js';
import { createDcm4cheeMwl, type WorklistSource } from './dcm4chee-mwl.js';
import { findWorklist } from './dimse-worklist.js';

export type { WorklistSource } from './dcm4chee-mwl.js';

/** A worklist SCP over DIMSE (wlmscpfs, a RIS or broker, Orthanc's ModalityWorklists plugin). */
export function dimseWorklist(peer: DimsePeer): WorklistSource {
  return { find: (query) => findWorklist(peer, query) };
}

/**
 * `fetch` with a deadline of its own, for the worklist's REST lookups (PACS_WORKLIST_TIMEOUT_MS). It rejects at the
 * deadline itself, even when the transport under it does not honour the abort signal (a mocked or proxied fetch).
 */
function within(fetch: FetchLike, timeoutMs: number): FetchLike {
  return (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      fetch(input, { ...init, signal })
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}

/**
 * The worklist provider of a site: its `worklist` SCP when configured, else a dcm4chee site's `/mwlitems`
 * REST; undefined when it has neither. Each lookup is bounded by `timeoutMs` as a whole (no retries).
 * @example createWorklistSource({ ...site, worklist: { aet: 'RISWL', host: 'ris', port: 104, callingAet: 'PACSDESK' } }, deps, 5000)
 */
export function createWorklistSource(
  site: SiteConfig,
  deps: ConnectorDeps,
  timeoutMs: number,
): WorklistSource | undefined {
  const wl = site.worklist;
  if (wl) {
    return dimseWorklist({ host: wl.host, port: wl.port, calledAet: wl.aet, callingAet: wl.callingAet, timeoutMs });
  }
  if (site.kind === 'dcm4chee' && site.restUrl) {
    return createDcm4cheeMwl(site, { ...deps, fetch: within(deps.fetch, timeoutMs), retries: 0 });
  }
  return undefined;
}
