import { type HarnessProcess, startHarness, startInProcessHarness } from './harness-process.js';
import { type Replica, startReplica } from './replica-process.js';
import { createSharedStores, type SharedStores } from './shared-stores.js';
import { pollUntil } from './workspace-api.js';

export interface Cluster {
  harness: HarnessProcess;
  stores: SharedStores;
  /** Replica `r<i>` at index `i - 1`; a killed one stays in the list (its logs stay readable). */
  replicas: Replica[];
  /** Starts replica `r<i>` (again, after a kill: a fresh process with the same id) and adds it to the list. */
  start(i: number): Promise<Replica>;
  /** Waits until the harness counts `n` open Socket Mode connections. */
  connected(n: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** How many replicas to start (REPLICAS is set to this unless `env` says otherwise). */
  replicas: number;
  /** More settings for every replica (e.g. KB_DIR). */
  env?: Record<string, string>;
  /** Settings for replica `r<i>` alone, also when it is started again (e.g. its own fake LLM base URL). */
  envFor?: (i: number) => Record<string, string>;
  /** Run the built `dist/` instead of the sources (the bench). */
  dist?: boolean;
  /** The workspace inside this process, without Slack's posting limit (the bench). Default: a child process. */
  inProcessHarness?: boolean;
}

/**
 * The harness (`pacs-desk workspace --no-bot`), a fresh PostgreSQL database and Redis logical database, and
 * `replicas` bot processes in Socket Mode sharing them; resolves once all are connected.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const [harness, stores] = await Promise.all([
    options.inProcessHarness ? startInProcessHarness() : startHarness({ dist: options.dist }),
    createSharedStores(),
  ]);
  const replicas: Replica[] = [];
  const env = {
    DATABASE_URL: stores.databaseUrl,
    REDIS_URL: stores.redisUrl,
    REPLICAS: String(options.replicas),
    ...options.env,
  };
  const cluster: Cluster = {
    harness,
    stores,
    replicas,
    async start(i) {
      const replica = await startReplica(
        i,
        harness.settings,
        { ...env, ...options.envFor?.(i) },
        { dist: options.dist },
      );
      replicas[i - 1] = replica;
      return replica;
    },
    async connected(n) {
      await pollUntil(async () => ((await harness.api.state()).socketConnections === n ? true : undefined), {
        timeoutMs: 20_000,
        describe: async () => `socketConnections is ${(await harness.api.state()).socketConnections}, not ${n}`,
      });
    },
    async stop() {
      await Promise.allSettled(replicas.map((r) => r.kill('SIGKILL')));
      await harness.stop();
      await stores.drop();
    },
  };
  try {
    // One at a time: the first runs the migrations; the rest start on a migrated database.
    await cluster.start(1);
    await Promise.all(Array.from({ length: options.replicas - 1 }, (_, k) => cluster.start(k + 2)));
    await cluster.connected(options.replicas);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
