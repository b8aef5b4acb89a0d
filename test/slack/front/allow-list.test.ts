import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import {
  APP,
  botReplies,
  commandForm,
  mentionEnvelope,
  postSigned,
  startFrontDesk,
  startResponseRecorder,
  TEAM,
} from './front-helpers.js';

let h: DeskHarness;
let recorder: Awaited<ReturnType<typeof startResponseRecorder>>;
const form = 'application/x-www-form-urlencoded';

beforeAll(async () => {
  h = await startFrontDesk({ SLACK_ALLOWED_TEAM_IDS: `${TEAM}, E0HOSPITAL`, SLACK_APP_ID: APP });
  recorder = await startResponseRecorder();
});
afterAll(async () => {
  await recorder.close();
  await h.stop();
});

describe('A5: allow-list of workspaces, orgs and app (SLACK_ALLOWED_TEAM_IDS, SLACK_APP_ID)', () => {
  it('A5: a correctly signed event from another workspace or for another app gets 403 and is not processed', async () => {
    const foreignTeam = mentionEnvelope(h, 'viewer says no images', { team_id: 'T0ELSEWHERE' });
    const foreignApp = mentionEnvelope(h, 'viewer says no images', { api_app_id: 'A0OTHERAPP' });
    const noApp = mentionEnvelope(h, 'viewer says no images', { api_app_id: undefined });
    for (const e of [foreignTeam, foreignApp, noApp]) expect((await postSigned(h, e.body)).status).toBe(403);
    // Control: our workspace is served, through the workspace's own delivery as Slack would send it.
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${h.ws.botUserId}> worklist is empty`,
    });
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    for (const e of [foreignTeam, foreignApp, noApp]) expect(await botReplies(h, e.ts)).toBe(0);
    expect(h.logs()).toContain('"reason":"not_allowed"');
  });

  it('A5: an org-wide (Enterprise Grid) event is served when its enterprise id is allowed', async () => {
    const { body, ts } = mentionEnvelope(h, 'viewer says no images', {
      team_id: 'T0BRANCHSITE',
      enterprise_id: 'E0HOSPITAL',
    });
    expect((await postSigned(h, body)).status).toBe(200);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
  });

  it('A5: a signed slash command or interaction from another workspace gets 403 and runs nothing', async () => {
    const foreign = commandForm('help', recorder.url, { team_id: 'T0ELSEWHERE' });
    expect((await postSigned(h, foreign, { contentType: form })).status).toBe(403);
    const payload = {
      type: 'block_actions',
      team: { id: 'T0ELSEWHERE', domain: 'elsewhere' },
      user: { id: 'U0CLINIC1', team_id: 'T0ELSEWHERE' },
      api_app_id: APP,
      response_url: recorder.url,
      trigger_id: '1.2.3',
      actions: [{ action_id: 'answer_feedback_up', block_id: 'b', type: 'button', value: 'x', action_ts: '1.1' }],
    };
    const action = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    expect((await postSigned(h, action, { contentType: form })).status).toBe(403);
    // Control: the same command from our workspace runs (one response_url post, ours).
    expect((await postSigned(h, commandForm('help', recorder.url), { contentType: form })).status).toBe(200);
    await waitUntil(() => expect(recorder.posts.length).toBe(1));
  });

  it('A5: the allow-list is never consulted for unsigned content: a foreign unsigned request gets 401, not 403', async () => {
    const { body } = mentionEnvelope(h, 'viewer says no images', { team_id: 'T0ELSEWHERE' });
    expect((await postSigned(h, body, { secret: 'not-the-secret' })).status).toBe(401);
  });
});
