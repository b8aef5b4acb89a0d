import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { tempDir } from '../../helpers/temp-dir.js';
import type { HarnessSettings } from './harness-process.js';
import { nodeArgs } from './process-entry.js';

/** One JSON log line of a replica (pino: `msg`, `level`, then the fields). */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface Replica {
  id: string;
  child: ChildProcess;
  /** The replica's own HTTP port (/healthz, /readyz). */
  port: number;
  /** Every JSON log line so far (stderr). */
  logs(): LogLine[];
  /** Log lines whose `msg` is `msg`. */
  logged(msg: string): LogLine[];
  /** Settles when the process has exited (by itself or by `kill`). */
  exited: Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** The settings every replica of one cluster shares, beyond the harness's Slack ones. */
export interface ReplicaEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  REPLICAS: string;
  [key: string]: string;
}

/**
 * Short leases and intervals so take-overs happen within seconds (the config's minimums), the seeded
 * workspace's triage channel and groups (as `npm start` without tokens sets them), KB watching off.
 */
export const fastClusterEnv = {
  LEADER_LEASE_SECONDS: '3',
  INBOX_LEASE_SECONDS: '5',
  INBOX_SWEEP_SECONDS: '1',
  REMINDER_INTERVAL_SECONDS: '5',
  REMINDER_UNTOUCHED_MINUTES: '5',
  TRIAGE_CHANNEL: 'C0PTRIAGE',
  ONCALL_GROUP: 'S0PACSONC',
  ROLE_ASSOCIATE_GROUP: 'S0PACSASC',
  ROLE_ADMIN_GROUP: 'S0PACSADM',
  KB_WATCH: 'false',
} as const;

/**
 * The bot as `npm start` runs it, in Socket Mode against the harness, as replica `r<i>`. Resolves once it logs
 * "PACS Desk started" (stores and KB ready, Socket Mode connected). Both pipes are drained for its whole life.
 */
export async function startReplica(
  i: number,
  harness: HarnessSettings,
  env: ReplicaEnv,
  options: { dist?: boolean } = {},
): Promise<Replica> {
  const id = `r${i}`;
  const dir = tempDir(`replica-${id}-`);
  const child = spawn(process.execPath, nodeArgs('main', options.dist), {
    cwd: dir.path,
    env: {
      PATH: process.env.PATH,
      ...fastClusterEnv,
      ...harness,
      DATA_DIR: join(dir.path, 'data'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REPLICA_ID: id,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      dir.remove();
      resolve();
    }),
  );
  child.stdout?.resume();
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`replica ${id} exited (${code ?? signal}) before it started:\n${tail(lines)}`)),
    );
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (text) => {
      const line = parse(text);
      lines.push(line);
      if (line.msg === 'PACS Desk started') resolve(Number(line.port));
    });
  });
  return {
    id,
    child,
    port,
    logs: () => [...lines],
    logged: (msg) => lines.filter((l) => l.msg === msg),
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

function parse(text: string): LogLine {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as LogLine;
  } catch {
    // Not JSON: a stack trace or a console line; kept as is.
  }
  return { msg: text };
}

function tail(lines: LogLine[]): string {
  return lines
    .slice(-15)
    .map((l) => JSON.stringify(l))
    .join('\n');
}
