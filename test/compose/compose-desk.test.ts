import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { composeDesk, type Desk } from '../../src/compose/compose-desk.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait-until.js';

const fixed = Date.parse('2031-05-06T07:08:09.000Z');
let desk: Desk | undefined;
let dir: ReturnType<typeof tempDir> | undefined;

async function compose(env: Record<string, string>): Promise<Desk> {
  dir = tempDir('compose-desk-');
  const config = loadConfig({
    DATA_DIR: dir.path,
    KB_WATCH: 'false',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    ...env,
  });
  desk = await composeDesk(config, { logger: createLogger({ level: 'silent' }), now: () => fixed, llmMaxRetries: 0 });
  return desk;
}

afterEach(async () => {
  await desk?.close();
  desk = undefined;
  dir?.remove();
});

describe('composeDesk: one composition root, one clock', () => {
  it('hands the start clock to the ticket store, the Slack side and the PACS checks', async () => {
    const d = await compose({ PACS_KIND: 'orthanc', PACS_URL: 'http://127.0.0.1:9', ALLOW_PLAINTEXT_HTTP: 'true' });
    const ticket = await d.stores.tickets.create(
      { requesterId: 'U1', summary: 'viewer slow', description: '', category: 'other', urgency: 'routine' },
      'U1',
    );
    expect(ticket.createdAt).toBe('2031-05-06T07:08:09.000Z');
    expect(d.slackDeps.now()).toBe(fixed);
    expect(d.slackDeps.tickets?.now()).toBe(fixed);
    expect(d.pacs?.ctx.now()).toBe(fixed);
  });

  it('composes only the background work that is configured', async () => {
    const plain = await compose({});
    // All scheduled work sits behind one leader task.
    expect(plain.background.map((t) => t.name)).toEqual(['leader']);
    expect(plain.scheduled.map((t) => t.name)).toEqual(['ticket-reminders']);
    expect(plain.pacs).toBeUndefined();
    expect(plain.slackDeps.pacs).toBeUndefined();
    await plain.close();
    dir?.remove();
    const full = await compose({
      PACS_KIND: 'orthanc',
      PACS_URL: 'http://127.0.0.1:9',
      ALLOW_PLAINTEXT_HTTP: 'true',
      OPS_CHANNEL: 'C0OPS',
      HELPDESK: 'zendesk',
      ZENDESK_URL: 'https://hospital.zendesk.example',
      ZENDESK_EMAIL: 'bot@hospital.example',
      ZENDESK_API_TOKEN: 't',
    });
    expect(full.background.map((t) => t.name)).toEqual(['leader']);
    expect(full.scheduled.map((t) => t.name)).toEqual(['helpdesk-sync', 'pacs-monitor', 'ticket-reminders']);
    // A monitor needs somewhere to post: a PACS without OPS_CHANNEL is not monitored.
    await full.close();
    dir?.remove();
    const unmonitored = await compose({
      PACS_KIND: 'orthanc',
      PACS_URL: 'http://127.0.0.1:9',
      ALLOW_PLAINTEXT_HTTP: 'true',
    });
    expect(unmonitored.scheduled.map((t) => t.name)).toEqual(['ticket-reminders']);
  });

  it('reports ready only when told, for /readyz and the listeners', async () => {
    const d = await compose({});
    expect(d.slackDeps.isReady()).toBe(false);
    d.setReady(true);
    expect(d.slackDeps.isReady()).toBe(true);
    expect(await d.readiness.database?.()).toBe(true);
    expect(await d.readiness.knowledgeBase?.()).toBe(true);
    expect(await d.readiness.cluster?.()).toBe(true);
    expect(Object.keys(d.readiness)).not.toContain('redis'); // no REDIS_URL: nothing to probe
  });

  it('builds the cluster parts: a replica id, claims and leases in the database, an in-process bus', async () => {
    const d = await compose({ REPLICA_ID: 'desk-a' });
    expect(d.cluster.replicaId).toBe('desk-a');
    expect(await d.cluster.claims.claim('compose-test', 60_000)).toBe(true);
    expect(await d.cluster.claims.claim('compose-test', 60_000)).toBe(false);
    const heard: string[] = [];
    d.cluster.bus.subscribe('reindex', ({ message }) => void heard.push(message.replicaId));
    await d.cluster.bus.publish('reindex', {});
    await waitUntil(() => expect(heard).toEqual(['desk-a']));
  });

  it('runs the scheduled work under the scheduled-work lease, and releases it on stop', async () => {
    const d = await compose({ REPLICA_ID: 'desk-a' });
    const lease = async () =>
      (
        await sql<{ holder: string; expires_at: string | number }>`
          select holder, expires_at from cluster_leases where name = 'scheduled-work'`.execute(d.stores.database.db)
      ).rows[0];
    const [leader] = d.background;
    leader?.start();
    await waitUntil(async () => expect(await lease()).toMatchObject({ holder: 'desk-a' }));
    expect(Number((await lease())?.expires_at)).toBe(fixed + 15_000);
    await leader?.stop();
    expect(Number((await lease())?.expires_at)).toBe(0);
  });
});
