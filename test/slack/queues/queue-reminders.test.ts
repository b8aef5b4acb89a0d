import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelDirectory } from '../../../src/channels/channel-directory.js';
import { channelsFileSchema } from '../../../src/channels/channels-file.js';
import { memoryBackend } from '../../../src/cluster/backends/memory.js';
import { createClaims } from '../../../src/cluster/claims.js';
import { createOnceClaims } from '../../../src/cluster/once-claims.js';
import { createLogger } from '../../../src/core/logger.js';
import { type AppDatabase, createDatabase } from '../../../src/db/create-database.js';
import { createWorkspace, type Workspace } from '../../../src/devtools/workspace/index.js';
import { createRoleResolver } from '../../../src/slack/roles/role-resolver.js';
import { createTicketContext } from '../../../src/slack/tickets/create-ticket-context.js';
import { runReminders } from '../../../src/slack/tickets/reminders.js';
import type { TicketContext } from '../../../src/slack/tickets/ticket-context.js';
import { createStateStore } from '../../../src/state/create-state-store.js';
import { createTicketStore } from '../../../src/tickets/ticket-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

// No TRIAGE_CHANNEL at all: only queue `ed` has a triage channel, so only its tickets get cards.
const dir = tempDir('queue-reminders-');
let ws: Workspace;
let database: AppDatabase;
let ctx: TicketContext;
let now = Date.parse('2026-03-02T08:00:00Z');

beforeAll(async () => {
  ws = await createWorkspace({ dataDir: dir.path, botToken: 'xoxb-q', signingSecret: 's' });
  database = await createDatabase({ dataDir: dir.path });
  const logger = createLogger({ level: 'silent' });
  const client = new WebClient('xoxb-q', { slackApiUrl: ws.apiUrl });
  const file = channelsFileSchema.parse({
    channels: [{ id: 'C0RADHELP', queue: 'ed' }],
    queues: [{ id: 'ed', triageChannel: 'C0RADHELP', sla: { stat: 20 } }],
  });
  const slaMinutes = { stat: 60, urgent: 240, routine: 4320 };
  ctx = createTicketContext({
    settings: { slaMinutes, reminderUntouchedMinutes: 120, reminderIntervalSeconds: 60 },
    store: createTicketStore(database, { now: () => now, slaTargets: slaMinutes }),
    client,
    roles: createRoleResolver(client, { associateUsers: [], adminUsers: [], cacheSeconds: 60 }, logger),
    state: await createStateStore({ dataDir: dir.path }),
    dedupe: createOnceClaims(createClaims(memoryBackend())),
    channels: createChannelDirectory(file, { slaMinutes }),
    logger,
    now: () => now,
  });
});
afterAll(async () => {
  await database.close();
  await ws.stop();
  dir.remove();
});

const thread = async (channel: string, ts: string) =>
  (await (await fetch(`${ws.url}/api/test/messages?channel=${channel}&thread_ts=${ts}`)).json()) as { text: string }[];

describe("reminders in a queue's own triage channel", () => {
  it("post a missing card and the breach note there, on the queue's SLA; a ticket with no triage channel gets none", async () => {
    const input = {
      summary: 'Stroke CT not in PACS',
      description: '',
      category: 'missing_study',
      urgency: 'stat',
    } as const;
    // Stored while Slack was unreachable: no card yet.
    const ed = await ctx.flows.create(input, 'U0CLINIC1', 'U0CLINIC1', { channel: 'C0RADHELP', ts: '1.1' });
    const other = await ctx.flows.create(input, 'U0CLINIC1', 'U0CLINIC1');
    expect([ed.queue, other.queue]).toEqual(['ed', 'default']);

    expect(await runReminders(ctx, 10_000)).toEqual({ breached: [], untouched: [] });
    const card = (await ctx.store.get(ed.key))?.card;
    expect(card?.channel).toBe('C0RADHELP');
    expect((await ctx.store.get(other.key))?.card).toBeUndefined();

    now = Date.parse('2026-03-02T08:25:00Z'); // past ed's 20-minute STAT target, not the default 60
    expect(await runReminders(ctx, 10_000)).toEqual({ breached: [ed.key], untouched: [] });
    const notes = (await thread('C0RADHELP', card?.ts ?? '')).filter((m) => m.text.includes('breached its STAT SLA'));
    expect(notes).toHaveLength(1);
  });
});
