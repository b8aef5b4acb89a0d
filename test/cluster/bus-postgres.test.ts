import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, Topic } from '../../src/cluster/bus.js';
import { BusPayloadTooLargeError } from '../../src/cluster/bus-backends/backend.js';
import { createPostgresBusBackend } from '../../src/cluster/bus-backends/postgres.js';
import { adminUrl } from '../helpers/postgres.js';
import { busContract } from './bus-contract.js';
import { capturedLogger, recorder, testChannel } from './bus-helpers.js';

const admin = new pg.Client({ connectionString: adminUrl });

beforeAll(async () => {
  await admin.connect();
});

afterAll(async () => {
  await admin.end();
});

busContract('PostgreSQL LISTEN/NOTIFY', async (channel, logger) => {
  const names = [0, 1, 2].map((i) => `${channel}_listen${i}`);
  const backends = await Promise.all(
    names.map((applicationName) =>
      createPostgresBusBackend({ connectionString: adminUrl, channel, applicationName, logger }),
    ),
  );
  return {
    backends,
    async killSubscriber(i) {
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
        [names[i]],
      );
      expect(killed.rows).toEqual([{ ok: true }]);
    },
  };
});

describe('bus over PostgreSQL: payload size', () => {
  it('refuses a message of 8000 bytes or more with a clear error, and sends nothing', async () => {
    const { logger } = capturedLogger();
    const channel = testChannel();
    const bus = createBus(await createPostgresBusBackend({ connectionString: adminUrl, channel, logger }), { logger });
    try {
      const changed = recorder<string[]>();
      bus.subscribe(Topic.KbChanged, ({ message }) => changed.push(message.paths));
      const paths = Array.from({ length: 40 }, (_, i) => `${i}/${'x'.repeat(200)}.md`);
      const refused = bus.publish(Topic.KbChanged, { paths });
      await expect(refused).rejects.toBeInstanceOf(BusPayloadTooLargeError);
      await expect(refused).rejects.toThrow(/PostgreSQL NOTIFY carries fewer than 8000/);
      await bus.publish(Topic.KbChanged, { paths: ['small.md'] });
      await changed.next((p) => p[0] === 'small.md', 'the small message');
      expect(changed.items).toEqual([['small.md']]);
    } finally {
      await bus.close();
    }
  });
});

describe('bus over PostgreSQL: start', () => {
  it('fails to start when PostgreSQL cannot be reached', async () => {
    const { logger } = capturedLogger();
    const connectionString = 'postgres://postgres@127.0.0.1:1/test';
    await expect(createPostgresBusBackend({ connectionString, logger })).rejects.toThrow(/ECONNREFUSED/);
  });
});
