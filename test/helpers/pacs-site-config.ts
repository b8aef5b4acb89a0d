import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestOrthanc } from './orthanc-server.js';

/** The archive's own C-STORE receiver, as tests register it in Orthanc's DicomModalities. */
export const storescpAlias = { alias: 'storescp', via: 'pacs', pacsName: 'storescp', description: 'test archive' };

/**
 * Writes a one-site `PACS_CONFIG` file (site `main`, "Main PACS") for a test Orthanc and returns its path.
 * `restUrl`/`dicomwebUrl` point it elsewhere (a counting proxy in front of the Orthanc); `aliases` are its echo targets.
 */
export function writeOrthancSiteConfig(
  dir: string,
  orthanc: TestOrthanc,
  options: { restUrl?: string; dicomwebUrl?: string; aliases?: unknown[] } = {},
): string {
  const file = join(dir, 'pacs.json');
  const site = {
    id: 'main',
    name: 'Main PACS',
    kind: 'orthanc',
    restUrl: options.restUrl ?? orthanc.restUrl,
    dicomwebUrl: options.dicomwebUrl ?? orthanc.dicomwebUrl,
    auth: { user: orthanc.user, password: orthanc.password },
    ...(options.aliases ? { aliases: options.aliases } : {}),
  };
  writeFileSync(file, JSON.stringify({ sites: [site] }));
  return file;
}

/**
 * A site entry for a test Orthanc (REST, DICOMweb, its test account), usable both in a `PACS_CONFIG` file and as a
 * `SiteConfig`; `extra` adds or overrides fields (`aet`, `dimse`, `worklist`…).
 */
export function orthancSite<T extends object = object>(id: string, o: TestOrthanc, extra?: T) {
  return {
    id,
    name: id,
    kind: 'orthanc' as const,
    restUrl: o.restUrl,
    dicomwebUrl: o.dicomwebUrl,
    auth: { user: o.user, password: o.password },
    aliases: [],
    ...extra,
  };
}

/** Writes a `PACS_CONFIG` file listing `sites` in `dir` and returns its path. */
export function writeSitesConfig(dir: string, sites: object[]): string {
  const file = join(dir, 'pacs.json');
  writeFileSync(file, JSON.stringify({ sites }));
  return file;
}
