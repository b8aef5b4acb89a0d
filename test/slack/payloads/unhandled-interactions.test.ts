import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { postToBot, sendEvent, sendInteraction } from './slack-client.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

const user = { id: 'U0CLINIC1', username: 'casey.clinician', name: 'casey.clinician', team_id: 'T0PACSDESK' };
const team = { id: 'T0PACSDESK', domain: 'pacs-desk-local' };
const base = {
  api_app_id: 'A0PACSDESK',
  token: 'fixture-verification-token',
  user,
  team,
  is_enterprise_install: false,
};
const view = (callbackId: string) => ({
  id: 'V0FIXTURE1',
  team_id: 'T0PACSDESK',
  type: 'modal',
  callback_id: callbackId,
  private_metadata: '',
  state: { values: {} },
  hash: '1700000000.AbCdEf',
  title: { type: 'plain_text', text: 'Something' },
  blocks: [],
});
/** Bolt's own complaint when nothing acknowledged a request within 3 s; it must never appear. */
const notAcked = 'not acknowledged within 3 seconds';

describe('requests no listener handles are acknowledged at once', () => {
  it('B8: view_closed of a modal without a close listener gets 200 at once, no error logged', async () => {
    const r = await sendInteraction(h, { ...base, type: 'view_closed', view: view('ticket_new'), is_cleared: false });
    expect(r.status).toBe(200);
    expect(h.logs()).not.toContain(notAcked);
  });

  it('B8: block_suggestion (external select lookup) gets 200 with an empty options list', async () => {
    const r = await sendInteraction(h, {
      ...base,
      type: 'block_suggestion',
      action_id: 'site_lookup',
      block_id: 'site',
      value: 'MRN 12345678',
      container: { type: 'view', view_id: 'V0FIXTURE1' },
      view: view('ticket_new'),
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ options: [] });
  });

  it('B8: an unknown action_id, shortcut callback_id and view_submission callback_id are acknowledged, nothing posted', async () => {
    const before = h.ws.calls().length;
    const action = {
      ...base,
      type: 'block_actions',
      trigger_id: '1.2.abc',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0RADHELP', is_ephemeral: false },
      channel: { id: 'C0RADHELP', name: 'radiology-help' },
      actions: [
        {
          type: 'button',
          action_id: 'old_version_button',
          block_id: 'b1',
          value: 'x',
          action_ts: '1700000001.000200',
          text: { type: 'plain_text', text: 'Old' },
        },
      ],
    };
    const shortcut = { ...base, type: 'shortcut', callback_id: 'some_other_shortcut', trigger_id: '1.2.abc' };
    const submission = { ...base, type: 'view_submission', trigger_id: '1.2.abc', view: view('retired_modal') };
    for (const payload of [action, shortcut, submission]) {
      const r = await sendInteraction(h, payload);
      expect(r.status).toBe(200);
      expect(r.body).toBe('');
    }
    expect(
      h.ws
        .calls()
        .slice(before)
        .filter((c) => c.method.startsWith('chat.')),
    ).toEqual([]);
    expect(h.logs()).not.toContain(notAcked);
  });

  it('B8: function_executed (a workflow step the app does not implement) is acknowledged at once', async () => {
    const r = await sendEvent(h, {
      type: 'function_executed',
      function: { id: 'Fn0FIXTURE', callback_id: 'lookup_study', title: 'Lookup', type: 'app', app_id: 'A0PACSDESK' },
      inputs: { accession: 'ACC1234567' },
      function_execution_id: 'Fx0FIXTURE1',
      workflow_execution_id: 'Wf0FIXTURE1',
      event_ts: '1700000000.000300',
      bot_access_token: 'xwfp-fixture-token',
    });
    expect(r.status).toBe(200);
    await waitUntil(() => expect(h.logs()).toContain('"event":"function_executed"'));
    expect(h.logs()).not.toContain('ACC1234567');
    expect(h.logs()).not.toContain('xwfp-');
  });

  it('B8: a payload of a type Bolt cannot route, and app_rate_limited, are acknowledged with a log line and no payload text', async () => {
    const odd = await sendInteraction(h, { ...base, type: 'MRN 12345678 something new', note: 'Jane Doe' });
    expect(odd.status).toBe(200);
    const limited = await postToBot(
      h,
      JSON.stringify({
        token: 't',
        type: 'app_rate_limited',
        team_id: 'T0PACSDESK',
        minute_rate_limited: 1_700_000_040,
        api_app_id: 'A0PACSDESK',
      }),
    );
    expect(limited.status).toBe(200);
    await waitUntil(() => expect(h.logs()).toContain('"kind":"app_rate_limited"'));
    expect(h.logs()).toContain('"kind":"unknown"');
    expect(h.logs()).not.toContain('12345678');
    expect(h.logs()).not.toContain('Jane Doe');
    expect(h.logs()).not.toContain(notAcked);
  });

  it('B8: a payload without user or team is answered without a 5xx and logs no payload text', async () => {
    const { user: _u, team: _t, ...anonymous } = base;
    const r = await sendInteraction(h, {
      ...anonymous,
      type: 'block_actions',
      trigger_id: '1.2.abc',
      actions: [{ type: 'button', action_id: 'answer_feedback_up', block_id: 'b', value: 'MRN 7654321' }],
    });
    expect(r.status).toBeLessThan(500);
    expect(r.body).not.toContain('7654321');
    await waitUntil(() => expect(h.logs()).toMatch(/could not be routed|unhandled Slack listener error/));
    expect(h.logs()).not.toContain('7654321');
  });

  it('B8: a payload field that is not JSON gets a 4xx, the process stays up, and the log quotes none of it', async () => {
    const r = await postToBot(
      h,
      'payload=%7B%22type%22%3A%22block_actions%22%2C%22note%22%3A%22Jane%20Roe%20MRN%2098765',
      {
        contentType: 'application/x-www-form-urlencoded',
      },
    );
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body).not.toContain('Jane');
    expect(h.logs()).not.toContain('Jane Roe');
    expect(h.logs()).not.toContain('98765');
    expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
  });
});
