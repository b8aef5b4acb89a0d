import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { chatCompletionStream, nockChat, openAiBaseUrl } from '../../helpers/openai-nock.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { ids, type MessageOut } from '../tickets/ticket-helpers.js';
import { button, guideButtons, message, stepMessage } from './guide-harness.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openAiBaseUrl, OPENAI_EMBEDDING_MODEL: 'none' });
});
afterAll(() => h.stop());

describe('guided troubleshooting under a streamed AI answer', () => {
  it('the buttons come with the streamed footer; Next step keeps the streamed text and posts the step', async () => {
    nockChat({ stream: true, body: chatCompletionStream(['Ask a colleague to open the same study [1].\n']) });
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${h.ws.botUserId}> the viewer opens the study but the images stay black`,
    });
    const reply = (await h.ws.waitForMessage({
      channel: 'radiology-help',
      thread_ts: ts,
      fromBot: true,
      streaming: false,
    })) as unknown as MessageOut;
    await waitUntil(() => expect(h.ws.calls('chat.stopStream')).toHaveLength(1));
    const answer = (await message(h, ts, reply.ts)) as MessageOut;
    expect(blockText(answer.blocks)).toContain('AI-written');
    expect(button(answer, 'guide_next_step')).toBeDefined();

    await h.api('/api/test/click', {
      user: 'clinician',
      channel: 'radiology-help',
      ts: answer.ts,
      action_id: 'guide_next_step',
    });
    const step2 = await stepMessage(h, ts, 2);
    expect(blockText(step2.blocks)).toContain('viewer/images-not-displaying.md#');
    const after = await waitUntil(async () => {
      const m = (await message(h, ts, answer.ts)) as MessageOut;
      if (guideButtons(m).length > 0) throw new Error('buttons not replaced yet');
      return m;
    });
    expect(after.text).toContain('Ask a colleague to open the same study [1].');
    expect(blockText(after.blocks)).toContain('answer_feedback_up');
    expect(
      h.ws.calls('chat.postMessage').filter((c) => c.args.channel === ids.help && c.args.thread_ts === ts),
    ).toHaveLength(1);
  });
});
