import { afterEach, describe, expect, it } from 'vitest';
import { Topic } from '../../src/cluster/bus.js';
import { createMemoryBusHub } from '../../src/cluster/bus-backends/memory.js';
import { Role } from '../../src/core/roles.js';
import { recorder } from '../cluster/bus-helpers.js';
import { adminGroup, countingKb, fakeSlack, reconnectable, replica } from './fan-out-replicas.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('fan-out over one bus: role caches', () => {
  it('subteam_members_changed on A → B drops that group and re-reads usergroups.users.list', async () => {
    const hub = createMemoryBusHub();
    // Each replica asks its own Slack view, so the test sees who re-read; both read the same groups.
    const groups: Record<string, string[]> = { [adminGroup]: [] };
    const slackA = fakeSlack(groups);
    const slackB = fakeSlack(groups);
    const a = replica('A', hub.connect(), countingKb(), slackA.client);
    const b = replica('B', hub.connect(), countingKb(), slackB.client);
    cleanups.push(a.close, b.close);
    const changed = recorder<string>();
    b.bus.subscribe(Topic.RoleGroupChanged, ({ message }) => changed.push(message.subteamId));

    expect(await a.roles.roleOf('U0NEW')).toBe(Role.Requester);
    expect(await b.roles.roleOf('U0NEW')).toBe(Role.Requester);
    expect(slackB.lists).toEqual([adminGroup]);

    // Slack adds U0NEW and sends the event to A only.
    groups[adminGroup] = ['U0NEW'];
    a.roles.membersChanged(adminGroup, ['U0NEW'], []);
    expect(await a.roles.roleOf('U0NEW')).toBe(Role.Admin); // the delta, applied locally
    await changed.next((id) => id === adminGroup, 'RoleGroupChanged at B');

    expect(await b.roles.roleOf('U0NEW')).toBe(Role.Admin);
    expect(slackB.lists).toEqual([adminGroup, adminGroup]);
    expect(slackA.lists).toEqual([adminGroup]); // A applied the delta and did not re-read for its own message
  });

  it('a bus reconnect drops every cached group', async () => {
    const groups: Record<string, string[]> = { [adminGroup]: ['U0ADMIN'] };
    const slack = fakeSlack(groups);
    const wire = reconnectable(createMemoryBusHub().connect());
    const kb = countingKb();
    const b = replica('B', wire.backend, kb, slack.client);
    cleanups.push(b.close);
    expect(await b.roles.roleOf('U0ADMIN')).toBe(Role.Admin);
    groups[adminGroup] = [];
    expect(await b.roles.roleOf('U0ADMIN')).toBe(Role.Admin); // cached (the clock never moves)

    wire.reconnect();
    expect(await b.roles.roleOf('U0ADMIN')).toBe(Role.Requester);
    expect(slack.lists).toHaveLength(2);
  });
});
