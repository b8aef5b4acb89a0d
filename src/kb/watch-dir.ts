import { type FSWatcher, watch } from 'node:fs';
import { extname } from 'node:path';
import picomatch from 'picomatch';
import type { Logger } from '../core/logger.js';
import { isSupported } from './ingest/load-document.js';

/** Quiet time after the last file event before re-indexing: editors write a file in several events. */
export const WATCH_DEBOUNCE_MS = 300;

/**
 * Watches `dir` recursively (Node ≥ 20 supports `recursive` on Linux) and calls `onChange` once per burst of events,
 * with the paths (relative to `dir`, `/`-separated) the burst named; the platform may omit a name, so the list can be
 * shorter than what changed, even empty. Events on excluded or unsupported files are ignored; extension-less names
 * (folders) count, since a removed folder removes documents.
 *
 * @example const stop = watchDir('/srv/kb', [], () => void kb.reindex())
 */
export function watchDir(
  dir: string,
  exclude: readonly string[],
  onChange: (paths: string[]) => void,
  logger?: Logger,
): () => void {
  const isExcluded = picomatch([...exclude], { dot: true });
  let timer: NodeJS.Timeout | undefined;
  let paths = new Set<string>();
  const flush = () => {
    const burst = [...paths];
    paths = new Set();
    onChange(burst);
  };
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, filename) => {
    if (filename) {
      const source = filename.toString().split('\\').join('/');
      if (isExcluded(source) || (extname(source) !== '' && !isSupported(source))) return;
      paths.add(source);
    }
    clearTimeout(timer);
    timer = setTimeout(flush, WATCH_DEBOUNCE_MS);
  });
  watcher.on('error', (error) => logger?.warn({ err: error.message }, 'kb: watcher error'));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
