import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { ids, messages } from '../tickets/ticket-helpers.js';

// radiology-help: every question answered, only to the asker, from the access/ folder alone.
// pacs-triage: the built-in behaviour (answer when mentioned, in the thread, whole KB).
const config = {
  channels: [
    { id: ids.help, name: 'radiology-help', answer: 'all', visibility: 'ephemeral', kb: { folders: ['access'] } },
    { id: ids.triage, name: 'pacs-triage', answer: 'mention' },
  ],
};

const dir = tempDir('channels-answers-');
let h: DeskHarness;

beforeAll(async () => {
  const file = join(dir.path, 'channels.json');
  writeFileSync(file, JSON.stringify(config));
  h = await startDesk({ CHANNELS_CONFIG: file });
});
afterAll(async () => {
  await h.stop();
  dir.remove();
});

async function post(channel: string, text: string, user = 'clinician') {
  return (await h.api<{ ts: string }>('/api/test/post', { user, channel, text })).ts;
}

/** Bot messages in a channel (top level and threads) after `ts`, visible to everyone. */
async function publicBotReplies(channel: string, threadTs: string) {
  return (await messages(h, channel, threadTs)).filter((m) => m.bot_id && !m.ephemeral_for);
}

describe('per-channel answers (CHANNELS_CONFIG, local workspace)', () => {
  it('answers an un-mentioned question in an `all` channel, ephemerally, from its KB folder', async () => {
    const ts = await post('radiology-help', 'how do I get PACS access for a new locum doctor');
    const reply = await h.ws.waitForMessage({ channel: ids.help, ephemeralFor: ids.clinician, after: ts });
    const blocks = blockText(reply.blocks);
    expect(blocks).toContain('access/requesting-pacs-access.md');
    expect(blocks).toContain('answer_feedback_up');
    expect(reply.thread_ts ?? undefined).toBeUndefined();
    expect(await publicBotReplies(ids.help, ts)).toEqual([]);
    const call = h.ws.calls('chat.postEphemeral').find((c) => c.args.user === ids.clinician);
    expect(call).toBeDefined();
    expect(h.ws.calls('chat.postMessage').filter((c) => c.args.channel === ids.help)).toEqual([]);
  });

  it('abstains in that channel on a question only a page outside its folder answers', async () => {
    // From the whole KB, studies/burning-a-cd.md answers this (the `mention` channel below shows it).
    const ts = await post('radiology-help', 'how do I burn a cd for a patient to take away');
    const reply = await h.ws.waitForMessage({ channel: ids.help, ephemeralFor: ids.clinician, after: ts });
    const blocks = blockText(reply.blocks);
    expect(blocks).toContain("I don't know.");
    expect(blocks).not.toContain('studies/');
    expect(h.logs()).toMatch(/"mode":"abstain"/);
  });

  it('answers a mention in an `all` channel once, not twice', async () => {
    const ts = await post(
      'radiology-help',
      `<@${h.ws.botUserId}> my PACS account is locked, how do I reset the password`,
    );
    const first = await h.ws.waitForMessage({ channel: ids.help, ephemeralFor: ids.clinician, after: ts });
    expect(blockText(first.blocks)).toContain('access/account-locked-and-passwords.md');
    // The mention arrives as `message` and as `app_mention`: the message listener leaves it (and says so).
    await waitUntil(() => expect(h.logs()).toContain('channel message mentions the bot: answered as app_mention'));
    const answered = (await messages(h, ids.help)).filter((m) => m.ephemeral_for === ids.clinician && m.ts > ts);
    expect(answered).toHaveLength(1);
  });

  it('does not answer an un-mentioned question in a `mention` channel, and answers a mention there in the thread', async () => {
    const silent = await post('pacs-triage', 'how do I burn a cd for a patient to take away');
    await waitUntil(() =>
      expect(h.logs()).toMatch(/"channel":"C0PTRIAGE","answerMode":"mention","msg":"channel message left alone"/),
    );
    const ts = await post('pacs-triage', `<@${h.ws.botUserId}> how do I burn a cd for a patient to take away`);
    const reply = await h.ws.waitForMessage({ channel: ids.triage, thread_ts: ts, fromBot: true });
    expect(reply.ephemeral_for ?? undefined).toBeUndefined();
    expect(blockText(reply.blocks)).toContain('studies/burning-a-cd.md');
    expect(await messages(h, ids.triage, silent)).toHaveLength(1);
  });
});
