import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { Role } from '../../../src/core/roles.js';
import { registerSubteamMembersChanged } from '../../../src/slack/listeners/events/subteam-members-changed.js';
import { createRoleResolver } from '../../../src/slack/roles/role-resolver.js';
import { capturedLogger } from '../../cluster/bus-helpers.js';

const admins = 'S0ADMINS';

/** usergroups.users.list answers only when the test releases it, so a test can change things meanwhile. */
function slowSlack() {
  const pending: { users: string[]; release: () => void }[] = [];
  const client = {
    usergroups: {
      users: {
        list: () =>
          new Promise<{ ok: true; users: string[] }>((resolve) => {
            const call = { users: [] as string[], release: () => resolve({ ok: true, users: call.users }) };
            pending.push(call);
          }),
      },
    },
  } as unknown as WebClient;
  return { client, pending };
}

function resolver(client: WebClient) {
  const settings = { adminGroup: admins, associateUsers: [], adminUsers: [], cacheSeconds: 60 };
  return createRoleResolver(client, settings, capturedLogger().logger, () => 0);
}

describe('role resolver: invalidate and change notices', () => {
  it('a list requested before invalidate() does not refill the cache with the old members', async () => {
    const slack = slowSlack();
    const roles = resolver(slack.client);
    const before = roles.roleOf('U0GONE');
    slack.pending[0]!.users = ['U0GONE']; // the answer Slack had before the change
    roles.invalidate(admins);
    slack.pending[0]!.release();
    expect(await before).toBe(Role.Admin); // that request still gets its answer

    const after = roles.roleOf('U0GONE');
    expect(slack.pending).toHaveLength(2); // not served from the old answer: Slack is asked again
    slack.pending[1]!.release();
    expect(await after).toBe(Role.Requester);
  });

  it('the subteam_members_changed listener applies the delta and notifies, even with nothing cached', async () => {
    const roles = resolver(slowSlack().client);
    const notices: string[] = [];
    const stop = roles.onMembersChanged((id) => notices.push(id));
    let listener: ((args: { event: Record<string, unknown> }) => Promise<void>) | undefined;
    const app = { event: (_name: string, fn: typeof listener) => (listener = fn) };
    registerSubteamMembersChanged(app as never, roles);

    await listener?.({ event: { subteam_id: admins, added_users: ['U0NEW'] } });
    expect(notices).toEqual([admins]);
    stop();
    await listener?.({ event: { subteam_id: admins } });
    expect(notices).toEqual([admins]);
  });
});
