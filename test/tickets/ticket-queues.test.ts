import { describe, expect, it } from 'vitest';
import { createChannelDirectory } from '../../src/channels/channel-directory.js';
import { channelsFileSchema } from '../../src/channels/channels-file.js';
import {
  oncallGroupFor,
  routeNewTicket,
  slaFor,
  triageChannelFor,
  triageChannels,
} from '../../src/tickets/ticket-queues.js';

const env = {
  triageChannel: 'C0TRIAGE',
  oncallGroup: 'S0ONCALL',
  slaMinutes: { stat: 60, urgent: 240, routine: 4320 },
};
const file = channelsFileSchema.parse({
  channels: [
    { id: 'C0EDHELP', queue: 'ed' },
    { id: 'C0EASTHELP', site: 'east' },
  ],
  queues: [
    { id: 'ed', triageChannel: 'C0EDTRIAGE', oncallGroup: 'S0EDCALL', sla: { stat: 15 } },
    { id: 'cardio', categories: ['viewer_access'] },
    { id: 'east', triageChannel: 'C0EAST', sites: ['east'] },
  ],
});
const routing = {
  channels: createChannelDirectory(file, env),
  triageChannel: env.triageChannel,
  oncallGroup: env.oncallGroup,
};

describe('ticket queues', () => {
  it('routes by channel, then category, then the ticket site or else its channel site, then default', () => {
    const route = (t: Parameters<typeof routeNewTicket>[1]) => routeNewTicket(routing, t)?.id;
    expect(route({ channelId: 'C0EDHELP', category: 'viewer_access', site: 'east' })).toBe('ed');
    expect(route({ channelId: 'C0OTHER', category: 'viewer_access', site: 'east' })).toBe('cardio');
    expect(route({ channelId: 'C0OTHER', category: 'hardware', site: 'east' })).toBe('east');
    expect(route({ channelId: 'C0EASTHELP', category: 'hardware' })).toBe('east');
    expect(route({ category: 'hardware' })).toBe('default');
    expect(routeNewTicket({ triageChannel: 'C0TRIAGE' }, { channelId: 'C0EDHELP' })).toBeUndefined();
  });

  it("uses the queue's triage channel, on-call group and SLA; what a queue leaves out is the default queue's", () => {
    expect(triageChannelFor(routing, { queue: 'ed' })).toBe('C0EDTRIAGE');
    expect(oncallGroupFor(routing, { queue: 'ed' })).toBe('S0EDCALL');
    expect(slaFor(routing, { queue: 'ed' })).toEqual({ stat: 15, urgent: 240, routine: 4320 });
    expect(triageChannelFor(routing, { queue: 'cardio' })).toBe('C0TRIAGE');
    expect(oncallGroupFor(routing, { queue: 'cardio' })).toBe('S0ONCALL');
    // A queue the reloaded file no longer lists, or no queues wired at all: the single-queue settings.
    expect(triageChannelFor(routing, { queue: 'gone' })).toBe('C0TRIAGE');
    expect(slaFor(routing, { queue: 'gone' })).toBeUndefined();
    expect(oncallGroupFor({ oncallGroup: 'S0ONCALL' }, { queue: 'ed' })).toBe('S0ONCALL');
  });

  it('knows every triage channel, for card-thread notes', () => {
    expect([...triageChannels(routing)].sort()).toEqual(['C0EAST', 'C0EDTRIAGE', 'C0TRIAGE']);
    expect([...triageChannels({})]).toEqual([]);
  });
});
