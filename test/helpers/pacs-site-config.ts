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
