import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBusBackend } from '../../src/cluster/bus-backends/redis.js';
import { busContract } from './bus-contract.js';
import { capturedLogger } from './bus-helpers.js';

const url = 'redis://127.0.0.1:6379';
const admin = createClient({ url });

beforeAll(async () => {
  await admin.connect();
});

afterAll(async () => {
  await admin.close();
});

/** `CLIENT KILL ID` for the connection named `name` (the subscriber's CLIENT SETNAME). */
async function killByName(name: string): Promise<void> {
  const list = String(await admin.sendCommand(['CLIENT', 'LIST']));
  const ids = list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /\bid=(\d+)/.exec(line)?.[1]);
  if (ids.length !== 1 || !ids[0]) throw new Error(`expected one Redis connection named ${name}, found ${ids.length}`);
  await admin.sendCommand(['CLIENT', 'KILL', 'ID', ids[0]]);
}

busContract('Redis pub/sub', async (channel, logger) => {
  const names = [0, 1, 2].map((i) => `${channel}_sub${i}`);
  const backends = await Promise.all(
    names.map((connectionName) => createRedisBusBackend({ url, channel, connectionName, logger })),
  );
  return { backends, killSubscriber: (i) => killByName(names[i]!) };
});

describe('bus over Redis: start', () => {
  it('fails to start, instead of retrying silently, when Redis cannot be reached', async () => {
    const { logger } = capturedLogger();
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    await expect(createRedisBusBackend({ url: 'redis://127.0.0.1:1', logger })).rejects.toThrow(/ECONNREFUSED/);
  });
});
