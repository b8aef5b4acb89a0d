import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { ADT_ID, newestMessage, ORM_ID, statusList } from '../interfaces/mirth-fixtures.js';

const mirth = 'https://mirth.hospital.test:8443';
const json = { 'content-type': 'application/json' };
let h: DeskHarness;

beforeAll(async () => {
  h = await startDesk({
    INTERFACE_ENGINE: 'mirth',
    MIRTH_URL: mirth,
    MIRTH_USER: 'pacsdesk',
    MIRTH_PASSWORD: 'mirth-secret-1',
  });
});
afterAll(async () => {
  nock.cleanAll();
  await h.stop();
});

/** Mirth's documented dashboard: ADT started with a recent message, ORM stopped with 9 queued. */
function dashboard() {
  return nock(mirth)
    .post('/api/users/_login')
    .reply(
      200,
      { 'com.mirth.connect.model.LoginStatus': { status: 'SUCCESS' } },
      {
        ...json,
        'set-cookie': 'JSESSIONID=node0abc.node0; Path=/api; Secure; HttpOnly',
      },
    )
    .get('/api/channels/statuses')
    .reply(200, statusList, json)
    .get(`/api/channels/${ADT_ID}/messages`)
    .query(true)
    .reply(200, newestMessage(ADT_ID, Date.now() - 60_000), json)
    .get(`/api/channels/${ORM_ID}/messages`)
    .query(true)
    .reply(200, { list: '' }, json);
}

describe('/pacs interfaces through the Slack app', () => {
  it('shows an associate the stopped channel first, privately, without the Mirth host or password', async () => {
    const scope = dashboard();
    await h.api('/api/test/post', { user: 'associate', channel: 'pacs-triage', text: '/pacs interfaces' });
    const reply = await h.ws.waitForMessage({ channel: 'pacs-triage', textIncludes: 'nterface' });
    expect(reply.ephemeral_for).toBe('U0ASSOC01');
    const shown = `${reply.text} ${blockText(reply.blocks)}`;
    expect(shown).toContain('ORM to RIS');
    expect(shown.indexOf('ORM to RIS')).toBeLessThan(shown.indexOf('ADT in from EHR'));
    expect(shown).not.toMatch(/mirth\.hospital\.test|mirth-secret-1|8443/);
    expect(scope.isDone()).toBe(true);
  });

  it('is refused to a clinician, and Mirth is not called', async () => {
    const scope = dashboard();
    await h.api('/api/test/post', { user: 'clinician', channel: 'radiology-help', text: '/pacs interfaces' });
    const refused = await h.ws.waitForMessage({
      channel: 'radiology-help',
      textIncludes: 'for PACS associates and admins only',
    });
    expect(refused.ephemeral_for).toBeTruthy();
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('is listed in /pacs help for the team', async () => {
    await h.api('/api/test/post', { user: 'associate', channel: 'pacs-triage', text: '/pacs help' });
    const help = await h.ws.waitForMessage({ channel: 'pacs-triage', textIncludes: 'interfaces' });
    expect(`${help.text} ${blockText(help.blocks)}`).toContain('interface engine channels');
  });
});
