/**
 * The exceptions the architecture rules allow, each with the reason it exists. A path ending in `/**` covers a
 * folder; any other path is one file. Adding an entry is a design decision: say why in the same change.
 */
export interface Allowed {
  path: string;
  reason: string;
}

/** The bottom layers and the domain: none of them may know about Slack. */
export const domainFolders = [
  'src/core/**',
  'src/kb/**',
  'src/llm/**',
  'src/answers/**',
  'src/tickets/**',
  'src/pacs/**',
  'src/interfaces/**',
  'src/audit/**',
  'src/feedback/**',
  'src/knowledge-loop/**',
  'src/channels/**',
  'src/state/**',
  'src/db/**',
  'src/config/**',
  'src/config.ts',
] as const;

/** Slack packages other than Bolt, outside `src/slack/**`: none today (the composition root takes Slack types from `src/slack/`). */
export const slackPackagesOutsideSlack: readonly Allowed[] = [];

/** Who may import a database or cache driver (see `isDriverImport`). */
export const driverImporters: readonly Allowed[] = [
  { path: 'src/db/**', reason: 'the database layer: opens SQLite or Postgres, picks the Kysely dialect, migrates' },
  { path: 'src/state/**', reason: 'the key-value state store: its SQLite and Redis backends' },
  {
    path: 'src/cluster/bus-backends/**',
    reason: 'the fan-out bus needs its own subscriber connection (Redis pub/sub, PostgreSQL LISTEN/NOTIFY)',
  },
  { path: 'src/cli/backup.ts', reason: '`backup` copies the live SQLite file with better-sqlite3’s online backup API' },
  { path: 'src/devtools/workspace/store.ts', reason: 'the fake Slack workspace keeps its messages in SQLite (a type)' },
];

/**
 * The only places outside `src/config.ts` and `src/config/**` that touch `process.env`, and how: each hands the
 * whole object on, so that the configuration code is what reads it.
 */
export const envHandOffs: readonly (Allowed & { use: string })[] = [
  {
    path: 'src/main.ts',
    use: 'default of parameter env',
    reason: '`runFromEnvironment(env = process.env)` passes it to `readDotEnv` and `loadConfig`',
  },
  {
    path: 'src/cli/io.ts',
    use: 'value of property env',
    reason: '`processIo.env`: the CLI commands hand it to `readDotEnv`/`loadConfig`; tests pass their own',
  },
];

/** Database and cache drivers; plain `kysely` is the query builder and is not one, its dialect classes are. */
export function isDriverImport(specifier: string, names: readonly string[]): boolean {
  const packages = /^(better-sqlite3|sqlite3|pg|pg-.+|postgres|mysql.*|ioredis|redis|@redis\/.+|@keyv\/.+|mongodb)$/;
  const kyselyDialect = /^(kysely-.+|@kysely\/.+)$/;
  if (packages.test(specifier.replace(/^(@[^/]+\/[^/]+|[^/]+).*$/, '$1'))) return true;
  if (kyselyDialect.test(specifier)) return true;
  return specifier === 'kysely' && names.some((name) => /.Dialect$/.test(name));
}

export function matches(path: string, pattern: string): boolean {
  return pattern.endsWith('/**') ? path.startsWith(pattern.slice(0, -2)) : path === pattern;
}

export function allowedAt(path: string, allowed: readonly Pick<Allowed, 'path'>[]): boolean {
  return allowed.some((entry) => matches(path, entry.path));
}
