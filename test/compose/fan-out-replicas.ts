import type { WebClient } from '@slack/web-api';
import { createBus } from '../../src/cluster/bus.js';
import type { BusBackend } from '../../src/cluster/bus-backends/backend.js';
import { type FanOutParts, wireFanOut } from '../../src/compose/fan-out.js';
import type { IndexStats } from '../../src/kb/index.js';
import { createRoleResolver } from '../../src/slack/roles/role-resolver.js';
import { createSlackRateGate } from '../../src/slack/slack-rate-gate.js';
import { capturedLogger, recorder } from '../cluster/bus-helpers.js';

/** A Slack with user groups only: `groups` can be changed by the test; `lists` records each usergroups.users.list. */
export function fakeSlack(groups: Record<string, string[]>) {
  const lists: string[] = [];
  const client = {
    usergroups: {
      users: {
        list: async ({ usergroup }: { usergroup: string }) => {
          lists.push(usergroup);
          return { ok: true, users: [...(groups[usergroup] ?? [])] };
        },
      },
    },
  } as unknown as WebClient;
  return { client, groups, lists };
}

export const adminGroup = 'S0ADMINS';

/** A KB that records its re-indexes (1, 2, …; the first waits for `firstWaitsFor` if given) and fakes its watcher. */
export function countingKb(firstWaitsFor?: Promise<void>) {
  const stats: IndexStats = { documents: 0, chunks: 0, failures: [], indexedAt: 0, buildMs: 0 };
  const calls = recorder<number>();
  const fileListeners = new Set<(paths: string[], stats: IndexStats) => void>();
  return {
    calls,
    async reindex() {
      calls.push(calls.items.length + 1);
      if (calls.items.length === 1 && firstWaitsFor) await firstWaitsFor;
      return stats;
    },
    onFilesChanged(listener: (paths: string[], stats: IndexStats) => void) {
      fileListeners.add(listener);
      return () => fileListeners.delete(listener);
    },
    /** As if this replica's watcher had seen `paths` change and re-indexed. */
    filesChanged(paths: string[]) {
      for (const listener of fileListeners) listener(paths, stats);
    },
  };
}

/** Wraps a backend so the test can fire its reconnect handlers (the in-process hub never reconnects). */
export function reconnectable(backend: BusBackend) {
  const handlers = new Set<() => void>();
  return {
    backend: {
      ...backend,
      onReconnect(handler: () => void) {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
    } satisfies BusBackend,
    reconnect: () => {
      for (const handler of handlers) handler();
    },
  };
}

/** One replica: its bus on `backend`, its role resolver over `slack`, its rate gate, and wireFanOut over them. */
export function replica(
  name: string,
  backend: BusBackend,
  kb: FanOutParts['kb'],
  slack: WebClient = fakeSlack({}).client,
) {
  const { logger, lines } = capturedLogger();
  const bus = createBus(backend, { replicaId: name, logger });
  const roles = createRoleResolver(
    slack,
    { adminGroup, associateUsers: [], adminUsers: [], cacheSeconds: 60 },
    logger,
    () => 0,
  );
  const rateGate = createSlackRateGate();
  const fanOut = wireFanOut({ bus, kb, roles, rateGate, logger });
  return {
    bus,
    roles,
    rateGate,
    fanOut,
    logs: lines,
    async close() {
      fanOut.close();
      await bus.close();
    },
  };
}
