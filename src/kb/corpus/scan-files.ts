import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { isSupported } from '../ingest/load-document.js';

/** Globs (relative to the KB folder) skipped unless the caller passes its own list. */
export const DEFAULT_EXCLUDE = ['**/README.md', '**/LICENSE*', '**/node_modules/**', '**/.*/**'] as const;

const STAT_BATCH = 64;

/** A candidate document on disk. */
export interface FileInfo {
  path: string;
  /** Relative to the KB folder, forward slashes. */
  source: string;
  mtimeMs: number;
  size: number;
}

/**
 * Lists indexable files under `dir` recursively, skipping excluded globs and unsupported extensions.
 *
 * @example await scanFiles('/srv/kb', ['**\/drafts/**'])
 */
export async function scanFiles(dir: string, exclude: readonly string[] = DEFAULT_EXCLUDE): Promise<FileInfo[]> {
  const isExcluded = picomatch([...exclude], { dot: true });
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const candidates: { path: string; source: string }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const source = relative(dir, path).split(sep).join('/');
    if (isSupported(source) && !isExcluded(source)) candidates.push({ path, source });
  }
  const files: FileInfo[] = [];
  // Stats in batches: one at a time leaves the thread pool idle, all at once queues 10,000 requests.
  for (let i = 0; i < candidates.length; i += STAT_BATCH) {
    const batch = candidates.slice(i, i + STAT_BATCH);
    const infos = await Promise.all(batch.map(({ path }) => stat(path).catch(() => undefined)));
    batch.forEach((file, j) => {
      const info = infos[j];
      // No stat: deleted between readdir and stat; the next reindex will not see it either.
      if (info) files.push({ ...file, mtimeMs: info.mtimeMs, size: info.size });
    });
  }
  // Same order as String#localeCompare, without building the comparison state per call.
  const collator = new Intl.Collator();
  return files.sort((a, b) => collator.compare(a.source, b.source));
}
