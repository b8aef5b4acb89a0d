import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { bool, type Fixes, matching, text } from './fields.js';

/** The knowledge base, the data folder, and the optional PostgreSQL and Redis stores. */
export const storageSchema = z.object({
  KB_DIR: text,
  KB_EXCLUDE: text,
  KB_WATCH: bool(true),
  DATA_DIR: z.string().optional().default('./data'),
  DATABASE_URL: matching(/^postgres(ql)?:\/\//),
  REDIS_URL: matching(/^rediss?:\/\//),
});
type StorageEnv = z.infer<typeof storageSchema>;

export const storageFixes = {
  KB_DIR: 'point it at a folder of Markdown, text, HTML, PDF or .docx files',
  DATABASE_URL: 'use postgres://user:password@host:5432/database, or unset it to use SQLite under DATA_DIR',
  REDIS_URL: 'use redis://host:6379, or unset it to keep state in SQLite under DATA_DIR',
} satisfies Fixes<StorageEnv>;

/** `exclude` undefined: the KB's default globs (README, LICENSE, dot folders, node_modules). */
export interface KbSection {
  dir: string;
  exclude?: string[];
  watch: boolean;
}

export interface StorageSection {
  kb: KbSection;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
}

/** Folders resolve against `cwd`; the KB folder defaults to the bundled one and must exist. */
export function toStorage(e: StorageEnv, cwd: string, bundledKb: string, problems: string[]): StorageSection {
  const kbDir = resolve(cwd, e.KB_DIR ?? bundledKb);
  if (!existsSync(kbDir)) problems.push(`KB_DIR: folder ${kbDir} does not exist — fix: ${storageFixes.KB_DIR}`);
  return {
    kb: {
      dir: kbDir,
      exclude: e.KB_EXCLUDE?.split(',')
        .map((g) => g.trim())
        .filter(Boolean),
      watch: e.KB_WATCH,
    },
    dataDir: resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
  };
}
