import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createStateStore, type StateStore } from '../../src/state/create-state-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir();
afterAll(() => dir.remove());

const backends: { name: string; open(): Promise<StateStore> }[] = [
  { name: 'SQLite', open: () => createStateStore({ dataDir: dir.path }) },
  {
    name: 'Redis',
    open: () =>
      createStateStore({
        dataDir: dir.path,
        redisUrl: 'redis://127.0.0.1:6379',
        namespace: `t${randomBytes(4).toString('hex')}`,
      }),
  },
];

describe.each(backends)('state store on $name', (backend) => {
  it('expires values after their TTL', async () => {
    const store = await backend.open();
    if (backend.name === 'Redis') {
      await store.set('k', 'v', 1);
      await vi.waitFor(async () => expect(await store.get('k')).toBeUndefined(), { timeout: 2000, interval: 20 });
    } else {
      vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
      await store.set('k', 'v', 1000);
      expect(await store.get('k')).toBe('v');
      vi.setSystemTime(Date.now() + 1001);
      expect(await store.get('k')).toBeUndefined();
      vi.useRealTimers();
    }
    await store.disconnect();
  });
});
