import { describe, expect, it } from 'vitest';
import { watchAuditLog } from '../../../src/audit/audit-health.js';
import type { AuditLog } from '../../../src/audit/audit-log.js';
import { BotError, ErrorCode } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/logger.js';
import type { IncidentState } from '../../../src/pacs/monitors/incidents.js';
import { runMonitorPass } from '../../../src/pacs/monitors/pacs-monitor.js';
import type { EchoResult, PacsConnector, QueueTask } from '../../../src/pacs/types.js';

function memoryState(): IncidentState {
  const map = new Map<string, { since: string; summary: string }>();
  return {
    get: async (k) => map.get(k),
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  };
}

/** A fake archive whose queue and echo answers the test changes between passes. */
function fakeArchive() {
  const world = { tasks: [] as QueueTask[], echo: { ok: true, ms: 5 } as EchoResult, down: false };
  const connector: PacsConnector = {
    site: { id: 'main', name: 'Main PACS', kind: 'orthanc', aliases: [{ alias: 'ct3', via: 'pacs', pacsName: 'ct3' }] },
    findStudies: async () => [],
    listTasks: async () => {
      if (world.down) throw new Error('connect ECONNREFUSED 10.1.2.3:8042');
      return world.tasks;
    },
    echo: async () => world.echo,
    status: async () => ({ site: 'main', reachable: true }),
  };
  return { world, connector };
}

describe('PACS monitor', () => {
  it('posts once when an incident starts, stays quiet while it lasts, and posts once on recovery', async () => {
    const { world, connector } = fakeArchive();
    const posts: string[] = [];
    let now = new Date('2026-03-02T08:00:00Z');
    const deps = {
      connectors: [connector],
      state: memoryState(),
      thresholds: { failedTasks: 3, pendingMinutes: 15 },
      post: async (t: string) => void posts.push(t),
      logger: createLogger({ level: 'silent' }),
      now: () => now.getTime(),
    };
    await runMonitorPass(deps);
    expect(posts).toEqual([]);

    world.tasks = Array.from({ length: 3 }, (_, i) => ({
      id: `j${i}`,
      queue: 'DicomModalityStore→STORESCP',
      kind: 'DicomModalityStore',
      state: 'failed' as const,
      rawState: 'Failure',
      createdAt: '2026-03-02T07:50:00Z',
      updatedAt: '2026-03-02T07:55:00Z',
    }));
    world.echo = { ok: false, ms: 2, cause: 'refused' };
    await runMonitorPass(deps);
    expect(posts).toHaveLength(2);
    expect(posts[0]).toContain('3 failed transfer(s)');
    expect(posts[1]).toContain('`ct3`');
    expect(posts[1]).toContain('refused');

    now = new Date('2026-03-02T08:05:00Z');
    await runMonitorPass(deps);
    expect(posts).toHaveLength(2);

    now = new Date('2026-03-02T09:30:00Z'); // the failures are now older than an hour
    world.echo = { ok: true, ms: 4 };
    await runMonitorPass(deps);
    expect(posts).toHaveLength(4);
    expect(posts[2]).toMatch(/✅ \*main\* transfer queue recovered/);
    expect(posts[3]).toMatch(/✅ \*main\* `ct3` recovered/);
  });

  it('treats an archive that does not answer as an incident, and never posts its error text', async () => {
    const { world, connector } = fakeArchive();
    world.down = true;
    const posts: string[] = [];
    await runMonitorPass({
      connectors: [connector],
      state: memoryState(),
      thresholds: { failedTasks: 1, pendingMinutes: 15 },
      post: async (t) => void posts.push(t),
      logger: createLogger({ level: 'silent' }),
      now: () => Date.parse('2026-03-02T08:00:00Z'),
    });
    expect(posts[0]).toContain('not answering');
    expect(posts.join(' ')).not.toContain('10.1.2.3');
  });

  it('opens a queue incident for a transfer pending too long', async () => {
    const { world, connector } = fakeArchive();
    world.tasks = [
      {
        id: 'p',
        queue: 'q',
        kind: 'DicomModalityStore',
        state: 'pending',
        rawState: 'Pending',
        createdAt: '2026-03-02T07:30:00Z',
      },
    ];
    const posts: string[] = [];
    await runMonitorPass({
      connectors: [connector],
      state: memoryState(),
      thresholds: { failedTasks: 5, pendingMinutes: 15 },
      post: async (t) => void posts.push(t),
      logger: createLogger({ level: 'silent' }),
      now: () => Date.parse('2026-03-02T08:00:00Z'),
    });
    expect(posts[0]).toContain('oldest pending transfer waiting 30 min');
  });
  it('U5: an audit trail that cannot be written raises one incident in OPS_CHANNEL, and one recovery', async () => {
    let broken = true;
    const inner = {
      append: async () => {
        if (broken) throw new BotError(ErrorCode.AuditUnavailable, 'SQLITE_FULL');
        return {};
      },
    } as unknown as AuditLog;
    const watched = watchAuditLog(inner);
    const posts: string[] = [];
    const deps = {
      connectors: [],
      state: memoryState(),
      thresholds: { failedTasks: 3, pendingMinutes: 15 },
      post: async (t: string) => void posts.push(t),
      logger: createLogger({ level: 'silent' }),
      now: () => Date.parse('2026-03-02T08:00:00Z'),
      auditProblem: watched.problem,
    };
    await runMonitorPass(deps);
    expect(posts).toEqual([]);
    const event = { event: 'Query', outcome: 0, actor: { userId: 'U1' }, source: 'slack', description: 'x' } as const;
    await expect(watched.log.append(event)).rejects.toThrow();
    await runMonitorPass(deps);
    await runMonitorPass(deps);
    expect(posts).toEqual([expect.stringMatching(/^🚨 \*PACS Desk\* audit trail: .*cannot be written/)]);
    broken = false;
    await watched.log.append(event);
    await runMonitorPass(deps);
    expect(posts[1]).toMatch(/^✅ \*PACS Desk\* audit trail recovered/);
  });
});
