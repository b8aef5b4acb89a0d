import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { ChannelDirectory } from './channel-directory.js';
import { parseChannelsFile } from './read-channels-file.js';

/**
 * Reloads `CHANNELS_CONFIG` when it changes: a valid file replaces the settings at once; an invalid one is logged
 * with its problems and the previous settings stay. Watches the folder, since editors replace a file rather than
 * write it in place. Returns the stop function.
 */
export function watchChannelsFile(
  file: string,
  cwd: string,
  directory: ChannelDirectory,
  siteIds: readonly string[],
  logger: Logger,
  debounceMs = 200,
): () => void {
  const path = resolve(cwd, file);
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      logger.warn(
        { code: 'channels_unreadable', err: (error as NodeJS.ErrnoException).code },
        'channels file unreadable',
      );
      return;
    }
    const parsed = parseChannelsFile(text, siteIds);
    if (!parsed.file) {
      logger.warn({ code: 'channels_invalid', problems: parsed.problems }, 'channels file not reloaded: invalid');
      return;
    }
    directory.replace(parsed.file);
    logger.info({ code: 'channels_reloaded', channels: parsed.file.channels.length }, 'channels file reloaded');
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), (_event, name) => {
      if (name !== basename(path)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, debounceMs);
    });
    watcher.unref();
  } catch (error) {
    logger.warn({ code: 'channels_unwatched', err: (error as Error).message }, 'channels file will not reload');
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
