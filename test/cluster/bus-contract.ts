import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bus, createBus, type Delivery, Topic } from '../../src/cluster/bus.js';
import type { BusBackend } from '../../src/cluster/bus-backends/backend.js';
import type { Logger } from '../../src/core/logger.js';
import { capturedLogger, recorder, testChannel, within } from './bus-helpers.js';

export interface OpenedBackends {
  /** Three backends, each with its own connections. */
  backends: BusBackend[];
  /** Drops backend `index`'s subscriber connection from the server side; absent for the in-process bus. */
  killSubscriber?(index: number): Promise<void>;
}

type Reindexed = Delivery<typeof Topic.Reindex>;

/** What every backend must do, run against each: fan-out to all, once; unsubscribe; malformed input; reconnect. */
export function busContract(
  name: string,
  open: (channel: string, logger: Logger) => Promise<OpenedBackends>,
  { reconnects = true } = {},
): void {
  describe(`bus over ${name}`, () => {
    let opened: OpenedBackends;
    let buses: Bus[];
    let heard: ReturnType<typeof recorder<Reindexed>>[];
    let log: ReturnType<typeof capturedLogger>;

    beforeEach(async () => {
      log = capturedLogger();
      opened = await open(testChannel(), log.logger);
      buses = opened.backends.map((backend, i) => createBus(backend, { replicaId: `r${i}`, logger: log.logger }));
      heard = buses.map((bus) => {
        const got = recorder<Reindexed>();
        bus.subscribe(Topic.Reindex, (delivery) => got.push(delivery));
        return got;
      });
    });

    afterEach(async () => {
      await Promise.all(buses.map((bus) => bus.close()));
    });

    const by = (requestedBy: string) => (d: Reindexed) => d.message.requestedBy === requestedBy;
    const allHeard = (requestedBy: string) =>
      Promise.all(heard.map((got, i) => got.next(by(requestedBy), `bus ${i} to hear ${requestedBy}`)));

    it('delivers a publish to all three buses exactly once, the sender marked fromSelf', async () => {
      await buses[1]!.publish(Topic.Reindex, { requestedBy: 'first' });
      await buses[1]!.publish(Topic.Reindex, { requestedBy: 'marker' });
      // The marker left after `first` on the same connection, so once it is heard any copy of `first` is too.
      await allHeard('marker');
      for (const [i, got] of heard.entries()) {
        const firsts = got.items.filter(by('first'));
        expect(firsts).toEqual([{ message: { requestedBy: 'first', replicaId: 'r1' }, fromSelf: i === 1 }]);
      }
    });

    it('stops calling a handler once it is unsubscribed, and only that handler', async () => {
      const stopped = recorder<Reindexed>();
      const unsubscribe = buses[2]!.subscribe(Topic.Reindex, (d) => stopped.push(d));
      await buses[0]!.publish(Topic.Reindex, { requestedBy: 'before' });
      await stopped.next(by('before'), 'the handler to hear the message before unsubscribing');
      unsubscribe();
      await buses[0]!.publish(Topic.Reindex, { requestedBy: 'after' });
      await allHeard('after');
      expect(stopped.items.map((d) => d.message.requestedBy)).toEqual(['before']);
    });

    it('drops and logs a malformed payload from the wire without calling any handler', async () => {
      const raw = opened.backends[0]!;
      await raw.send('{not json');
      await raw.send(JSON.stringify({ topic: Topic.Reindex, replicaId: 'rX', message: { requestedBy: 42 } }));
      await raw.send(JSON.stringify({ topic: 'format_disk', replicaId: 'rX', message: {} }));
      await raw.send(JSON.stringify({ topic: Topic.Reindex, message: {} }));
      await buses[0]!.publish(Topic.Reindex, { requestedBy: 'marker' });
      await allHeard('marker');
      for (const got of heard) expect(got.items.map((d) => d.message.requestedBy)).toEqual(['marker']);
      const drops = log.lines().filter((line) => line.msg === 'bus: dropped a malformed message');
      expect(drops).toHaveLength(4 * buses.length);
      expect(new Set(drops.map((line) => line.reason))).toEqual(
        new Set(['not JSON', 'reindex: requestedBy', 'unknown topic "format_disk"', 'not a bus envelope']),
      );
    });

    if (reconnects)
      it('reconnects a subscriber whose connection the server killed, tells onReconnect, and delivers again', async () => {
        const kill = opened.killSubscriber;
        if (!kill) throw new Error(`${name} reconnects, so its fixture must be able to kill a subscriber`);
        const back = new Promise<void>((resolve) => buses[2]!.onReconnect(resolve));
        await kill(2);
        await within(back, 'bus 2 to reconnect', 10_000);
        await buses[0]!.publish(Topic.Reindex, { requestedBy: 'after-kill' });
        await buses[2]!.publish(Topic.Reindex, { requestedBy: 'from-reconnected' });
        await allHeard('after-kill');
        await allHeard('from-reconnected');
        expect(heard[2]!.items.filter(by('after-kill'))).toHaveLength(1);
        const lost = log
          .lines()
          .filter((line) => /subscriber connection lost|listening connection lost/.test(`${line.msg}`));
        expect(lost.length).toBeGreaterThan(0);
      });
  });
}
