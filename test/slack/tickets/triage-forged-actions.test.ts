import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { postSigned, replyTo } from '../roles/signed-requests.js';
import { ids } from './ticket-helpers.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

describe('a triage button carrying a forged value', () => {
  it('B6: an Assign click whose value is Slack markup is answered without a live mention or link', async () => {
    const value = '<!channel> <https://evil.example|PACS-1> <@U0ADMIN01>';
    const payload = {
      type: 'block_actions',
      team: { id: h.ws.teamId, domain: 'pacs-desk-local' },
      user: { id: ids.associate, username: 'assoc', name: 'assoc', team_id: h.ws.teamId },
      api_app_id: 'A0PACSDESK',
      token: 'legacy',
      trigger_id: '1.2.forged',
      channel: { id: ids.triage, name: 'pacs-triage' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: ids.triage, is_ephemeral: false },
      actions: [{ type: 'button', action_id: 'triage_assign', block_id: 'b', value, action_ts: '1700000001.000000' }],
    };
    const status = await postSigned(
      h,
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    expect(status).toBe(200);
    const reply = await replyTo(h, ids.triage, ids.associate, /could not be assigned/);
    expect(reply.text).not.toMatch(/<!channel>|<https:|<@U0ADMIN01>/);
    expect(reply.text).toContain('&lt;!channel&gt;');
  });
});
