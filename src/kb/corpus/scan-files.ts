import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { isSupported } from '../ingest/load-document.js';

/** Globs (relative to the KB folder) skipped unless the caller passes its own list. */
export const DEFAULT_EXCLUDE = ['**/README.md', '**/LICENSE*', '**/node_modules/**', '**/.*/**'] as const;

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
  const files: FileInfo[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const source = relative(dir, path).split(sep).join('/');
    if (!isSupported(source) || isExcluded(source)) continue;
    try {
      const info = await stat(path);
      files.push({ path, source, mtimeMs: info.mtimeMs, size: info.size });
    } catch {
      // Deleted between readdir and stat: the next reindex will not see it either.
    }
  }
  return files.sort((a, b) => a.source.localeCompare(b.source));
}
