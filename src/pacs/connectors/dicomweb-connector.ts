import { BotError, ErrorCode } from '../../core/errors.js';
import { PacsError, PacsErrorCode } from '../http/pacs-error.js';
import type { PacsConnector, SiteConfig } from '../types.js';
import { type ConnectorDeps, httpClientFor, withBreakers } from './connector-deps.js';
import { echoDirect } from './direct-echo.js';
import { qidoFindStudies } from './qido-search.js';
import { statusProblem } from './site-status.js';

/**
 * Any vendor's QIDO-RS: study search and a reachability probe. DICOMweb has no jobs and no echo of
 * its own, so `listTasks` and archive-side echo throw `pacs_unsupported`; direct aliases still echo.
 * @example createDicomwebConnector({ id: 'vna', name: 'VNA', kind: 'dicomweb', dicomwebUrl: 'https://vna/qido', aliases: [] }, { fetch })
 */
export function createDicomwebConnector(site: SiteConfig, connectorDeps: ConnectorDeps): PacsConnector {
  if (!site.dicomwebUrl)
    throw new BotError(ErrorCode.ConfigInvalid, `site ${site.id}: a DICOMweb site needs dicomwebUrl`);
  const deps = withBreakers(connectorDeps);
  const qido = httpClientFor(site, site.dicomwebUrl, deps);
  const unsupported = (what: string) => new PacsError(PacsErrorCode.Unsupported, `${site.id}: DICOMweb has no ${what}`);
  return {
    site,
    findStudies: (query) => qidoFindStudies(qido, site.id, query),
    async listTasks() {
      throw unsupported('task queue');
    },
    async echo(alias) {
      if (alias.via === 'direct') return echoDirect(alias, deps);
      throw unsupported('echo through the archive');
    },
    async status() {
      const t0 = performance.now();
      try {
        // The cheapest valid QIDO: one study id back, or 204 on an empty archive.
        await qido.request('/studies', { query: 'limit=1&includefield=0020000D', accept: 'application/dicom+json' });
        return { site: site.id, reachable: true, latencyMs: Math.round(performance.now() - t0) };
      } catch (error) {
        return { site: site.id, reachable: false, problem: statusProblem(error) };
      }
    },
  };
}
