import { BotError, ErrorCode } from '../../core/errors.js';
import { createDimseConnector } from '../dimse/dimse-connector.js';
import { type PacsConnector, PacsKind, type SiteConfig } from '../types.js';
import type { ConnectorDeps } from './connector-deps.js';
import { createDcm4cheeConnector } from './dcm4chee-connector.js';
import { createDicomwebConnector } from './dicomweb-connector.js';
import { createOrthancConnector } from './orthanc-connector.js';

/**
 * The connector for `site`: Orthanc and dcm4chee by kind; a `dicomweb` site uses QIDO-RS when it has
 * `dicomwebUrl`, else DIMSE when it has `dimse`. Create it once per site and reuse it (breaker state).
 * @example const connector = createConnector(site, { fetch, allowWrites: config.pacs.allowWrites });
 */
export function createConnector(site: SiteConfig, deps: ConnectorDeps): PacsConnector {
  switch (site.kind) {
    case PacsKind.Orthanc:
      return createOrthancConnector(site, deps);
    case PacsKind.Dcm4chee:
      return createDcm4cheeConnector(site, deps);
    default:
      if (site.dicomwebUrl) return createDicomwebConnector(site, deps);
      if (site.dimse) return createDimseConnector(site, deps);
      throw new BotError(ErrorCode.ConfigInvalid, `site ${site.id}: needs dicomwebUrl or dimse`);
  }
}
