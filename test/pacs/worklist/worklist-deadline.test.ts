import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runDimse } from '../../../src/pacs/dimse/dimse-client.js';
import { findWorklist } from '../../../src/pacs/worklist/dimse-worklist.js';
import { type SilentScp, startSilentScp } from './silent-scp.js';

/**
 * The whole-lookup deadline: with the guard's clock faked, dcmjs-dimse's own (real) socket timeouts are far away,
 * so only the guard can end the lookup; it must answer `timeout` and close the association's socket.
 */
let scp: SilentScp;
beforeEach(async () => {
  scp = await startSilentScp();
});
afterEach(async () => {
  vi.useRealTimers();
  await scp.stop();
});

const peer = () => ({ host: '127.0.0.1', port: scp.port, calledAet: 'WLM', callingAet: 'PACSDESK', timeoutMs: 60_000 });

/** Waits (on real events) until the SCP has accepted our connection. */
async function connected(): Promise<void> {
  while (scp.connections() === 0) await new Promise((r) => setImmediate(r));
}

describe('a worklist SCP that accepts and never answers', () => {
  it('findWorklist ends at 1 × timeoutMs with cause timeout, and hangs up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = findWorklist(peer(), { by: 'accession', accession: 'WL0001' });
    await connected();
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ ok: false, cause: 'timeout', items: [] });
    await scp.closedByClient(1);
  });

  it('runDimse keeps its 3 × timeoutMs guard unless given a deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { requests } = (await import('dcmjs-dimse')).default;
    const pending = runDimse(peer(), new requests.CEchoRequest());
    await connected();
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await pending).toMatchObject({ ok: false, cause: 'timeout' });
    await scp.closedByClient(1);
  });
});
