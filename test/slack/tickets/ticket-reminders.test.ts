import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryBackend } from '../../../src/cluster/backends/memory.js';
import { createClaims } from '../../../src/cluster/claims.js';
import { createOnceClaims } from '../../../src/cluster/once-claims.js';
import { createLogger } from '../../../src/core/logger.js';
import { type AppDatabase, createDatabase } from '../../../src/db/create-database.js';
import { createWorkspace, type Workspace } from '../../../src/devtools/workspace/index.js';
import { createRoleResolver } from '../../../src/slack/roles/role-resolver.js';
import { runReminders } from '../../../src/slack/tickets/reminders.js';
import type { TicketContext } from '../../../src/slack/tickets/ticket-context.js';
import { createTicketFlows } from '../../../src/slack/tickets/ticket-flows.js';
import { createTicketNotifier } from '../../../src/slack/tickets/ticket-notifier.js';
import { createStateStore } from '../../../src/state/create-state-store.js';
import { createTicketStore } from '../../../src/tickets/ticket-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const dir = tempDir('reminders-');
let ws: Workspace;
let database: AppDatabase;
let ctx: TicketContext;
let now = Date.parse('2026-03-02T08:00:00Z');

beforeAll(async () => {
  ws = await createWorkspace({
    dataDir: dir.path,
    botToken: 'xoxb-r',
    signingSecret: 's',
    rateLimit: { perSecond: 100, burst: 100 },
  });
  database = await createDatabase({ dataDir: dir.path });
  const logger = createLogger({ level: 'silent' });
  const client = new WebClient('xoxb-r', { slackApiUrl: ws.apiUrl });
  const state = await createStateStore({ dataDir: dir.path });
  const store = createTicketStore(database, { now: () => now });
  const notifier = createTicketNotifier({ client, store, state, triageChannel: 'C0PTRIAGE', logger, now: () => now });
  ctx = {
    store,
    notifier,
    flows: createTicketFlows({ store, notifier, client, logger }),
    roles: createRoleResolver(client, { associateUsers: [], adminUsers: [], cacheSeconds: 60 }, logger),
    state,
    dedupe: createOnceClaims(createClaims(memoryBackend())),
    logger,
    triageChannel: 'C0PTRIAGE',
    now: () => now,
  };
});
afterAll(async () => {
  await database.close();
  await ws.stop();
  dir.remove();
});

describe('ticket reminders (real store, real Slack calls to the local workspace, fixed clock)', () => {
  it('notes an SLA breach once in the card thread, and an untouched ticket once per period', async () => {
    const stat = await ctx.flows.create(
      { summary: 'Stroke CT not in PACS', description: '', category: 'missing_study', urgency: 'stat' },
      'U0CLINIC1',
      'U0CLINIC1',
    );
    await ctx.flows.announce(stat);
    const routine = await ctx.flows.create(
      { summary: 'Hanging protocol request', description: '', category: 'viewer_access', urgency: 'routine' },
      'U0CLINIC1',
      'U0CLINIC1',
    );
    await ctx.flows.announce(routine);

    expect(await runReminders(ctx, 120)).toEqual({ breached: [], untouched: [] });

    now = Date.parse('2026-03-02T09:30:00Z'); // stat SLA (60 min) breached; nothing untouched for 2 h yet
    expect(await runReminders(ctx, 120)).toEqual({ breached: [stat.key], untouched: [] });
    expect(await runReminders(ctx, 120)).toEqual({ breached: [], untouched: [] });

    now = Date.parse('2026-03-02T10:15:00Z'); // routine untouched since 08:00
    expect(await runReminders(ctx, 120)).toEqual({ breached: [], untouched: [routine.key] });
    expect(await runReminders(ctx, 120)).toEqual({ breached: [], untouched: [] });

    const card = (await ctx.store.get(stat.key))?.card;
    const thread = await (await fetch(`${ws.url}/api/test/messages?channel=C0PTRIAGE&thread_ts=${card?.ts}`)).json();
    const notes = (thread as { text: string }[]).filter((m) => m.text.includes('breached its STAT SLA'));
    expect(notes).toHaveLength(1);
  });
});

describe('missing triage cards', () => {
  it('are posted by the next reminder pass when Slack was unreachable at creation', async () => {
    const ticket = await ctx.store.create(
      {
        summary: 'Created while Slack was down',
        description: '',
        category: 'other',
        urgency: 'routine',
        requesterId: 'U0CLINIC1',
      },
      'U0CLINIC1',
    );
    expect((await ctx.store.get(ticket.key))?.card).toBeUndefined();
    await runReminders(ctx, 10_000);
    expect((await ctx.store.get(ticket.key))?.card?.channel).toBe('C0PTRIAGE');
  });
});
