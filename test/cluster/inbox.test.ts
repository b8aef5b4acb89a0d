import { afterEach, describe, expect, it } from 'vitest';
import { Admission, createInbox, type Inbox } from '../../src/cluster/inbox.js';
import { memoryInboxBackend } from '../../src/cluster/inbox-backends/memory.js';
import { type InboxStore, inboxCases } from './inbox-backends.js';

const leaseMs = 30_000;
const keepMs = 15 * 60_000;

describe.each(inboxCases)('inbox on $name: admit, heartbeat, complete, prune', (inboxCase) => {
  let store: InboxStore;
  afterEach(() => store.close());

  async function replicas(count = 2): Promise<Inbox[]> {
    store = await inboxCase.open(count);
    return store.backends.map((backend, i) =>
      createInbox(backend, { owner: `r${i}`, leaseMs, keepMs, now: store.now }),
    );
  }

  it('admits a key exactly once when two replicas race, and stores the payload', async () => {
    const [a, b] = await replicas();
    const payload = { event: { type: 'app_mention', ts: '1.2' }, retries: [1, 2] };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a! : b!).admit('ev:1', payload)));
    expect(results.filter((r) => r === Admission.Admitted)).toHaveLength(1);
    expect(results.filter((r) => r === Admission.Duplicate)).toHaveLength(9);
    const row = await store.row('ev:1');
    expect(row?.state).toBe('pending');
    expect(JSON.parse(row!.payload!)).toEqual(payload);
    expect(row?.attempts).toBe(0);
  });

  it('calls a pending key a duplicate, for its owner and others, even after its lease expired', async () => {
    const [a, b] = await replicas();
    expect(await a!.admit('k', 1)).toBe(Admission.Admitted);
    expect(await a!.admit('k', 1)).toBe(Admission.Duplicate);
    expect(await b!.admit('k', 1)).toBe(Admission.Duplicate);
    store.advance(leaseMs * 10);
    expect(await b!.admit('k', 1)).toBe(Admission.Duplicate);
    expect((await store.row('k'))?.owner).toBe('r0');
  });

  it('drops the payload on complete and keeps the key as a duplicate until keepMs, then admits it afresh', async () => {
    const [a, b] = await replicas();
    await a!.admit('k', { text: 'question' });
    expect(await a!.complete('k')).toBe(true);
    expect(await store.row('k')).toMatchObject({ state: 'done', payload: null });
    expect(await a!.complete('k')).toBe(false);
    store.advance(keepMs - 1);
    expect(await b!.admit('k', 2)).toBe(Admission.Duplicate);
    store.advance(1);
    expect(await b!.admit('k', 2)).toBe(Admission.Admitted);
    expect(await store.row('k')).toMatchObject({ owner: 'r1', state: 'pending', payload: '2', attempts: 0 });
  });

  it('lets only the owner heartbeat or complete, and a heartbeat keeps the entry from being taken over', async () => {
    const [a, b] = await replicas();
    await a!.admit('k', 1);
    expect(await b!.heartbeat('k')).toBe(false);
    expect(await b!.complete('k')).toBe(false);
    expect(await b!.heartbeat('missing')).toBe(false);
    store.advance(leaseMs - 1);
    expect(await a!.heartbeat('k')).toBe(true);
    store.advance(leaseMs - 1);
    expect(await b!.takeOver(10)).toEqual([]);
    store.advance(1);
    expect((await b!.takeOver(10)).map((e) => e.key)).toEqual(['k']);
  });

  it('prunes only done entries past keepMs', async () => {
    const [a] = await replicas(1);
    for (const key of ['old-done', 'pending', 'expired-pending']) await a!.admit(key, key);
    await a!.complete('old-done');
    store.advance(keepMs);
    await a!.heartbeat('pending');
    await a!.admit('new-done', 1);
    await a!.complete('new-done');
    expect(await a!.prune()).toBe(1);
    expect(await store.row('old-done')).toBeUndefined();
    for (const key of ['pending', 'expired-pending', 'new-done']) expect(await store.row(key)).toBeDefined();
    expect(await a!.prune()).toBe(0);
  });
});

describe('inbox', () => {
  it('refuses a payload with no JSON form, a key over 255 characters, and a lease that is not a positive whole number of ms', async () => {
    const inbox = createInbox(memoryInboxBackend(), { owner: 'r0', leaseMs: 1000 });
    await expect(inbox.admit('k', undefined)).rejects.toThrow(TypeError);
    await expect(inbox.admit('k'.repeat(256), {})).rejects.toThrow(RangeError);
    expect(await inbox.admit('k'.repeat(255), {})).toBe(Admission.Admitted);
    expect(() => createInbox(memoryInboxBackend(), { owner: 'r0', leaseMs: 0 })).toThrow(RangeError);
  });

  it('throws from admit when the store does not answer, so the caller does not acknowledge', async () => {
    const backend = { ...memoryInboxBackend(), admit: () => Promise.reject(new Error('connection refused')) };
    const inbox = createInbox(backend, { owner: 'r0', leaseMs: 1000 });
    await expect(inbox.admit('k', {})).rejects.toThrow('connection refused');
  });
});
