import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { cardFor, cliJson, ids, messages, submitTicket } from './ticket-helpers.js';

let h: DeskHarness;
let key = '';
let ticketThread = '';
beforeAll(async () => {
  h = await startDesk();
  await h.api('/api/test/shortcut', { user: 'clinician', callback_id: 'pacs_new_ticket' });
  const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
  await submitTicket(h, 'clinician', view.id, {
    summary: 'Outside MR not visible in the viewer',
    category: 'other',
    urgency: 'routine',
  });
  const dm = await h.ws.waitForMessage({ channel: 'D0CLINIC1', fromBot: true, textIncludes: 'We have your ticket' });
  key = /PACS-\d+/.exec(dm.text)?.[0] ?? '';
  ticketThread = dm.thread_ts ?? '';
});
afterAll(() => h.stop());

const dmFrom = (text: string, thread_ts?: string) =>
  h.api<{ ts: string }>('/api/test/post', { user: 'clinician', channel: 'dm', text, thread_ts });
const comments = async () =>
  (await cliJson<{ timeline: { kind: string; body?: string }[] }>(h, 'tickets', 'show', key)).timeline.filter(
    (e) => e.kind === 'comment',
  );
/** The first thing the answering flow does in a thread: the "searching the knowledge base" status. */
const answeringStarted = (threadTs: string) =>
  h.ws.calls('assistant.threads.setStatus').some((c) => c.args.thread_ts === threadTs);

/** A question, then a follow-up in its thread, both answered: the follow-up takes the same path a reply would. */
async function answeredFollowUp(): Promise<{ question: string; followUp: string }> {
  const question = await dmFrom('viewer says no images');
  await h.ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: question.ts, fromBot: true });
  const followUp = await dmFrom('and what if the study is still arriving?', question.ts);
  await h.ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: question.ts, fromBot: true, after: followUp.ts });
  return { question: question.ts, followUp: followUp.ts };
}

describe('a DM is either a reply to the PACS team or a question for the bot, never both', () => {
  it('a reply in the ticket DM thread is relayed to the ticket and not answered as a question', async () => {
    expect(key).toMatch(/^PACS-\d+$/);
    const cardTs = (await cardFor(h, key)).ts;
    const reply = await dmFrom('Why does the viewer say no images for the outside MR?', ticketThread);
    await h.ws.waitForMessage({ channel: ids.triage, thread_ts: cardTs, fromBot: true, textIncludes: 'replied' });
    await h.ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: ticketThread, fromBot: true, textIncludes: 'Added' });
    expect((await comments()).some((e) => e.body?.includes('outside MR'))).toBe(true);

    // Had the reply also gone to the answering flow, it would have started before this later follow-up.
    await answeredFollowUp();
    expect(answeringStarted(ticketThread)).toBe(false);
    const botAfterReply = (await messages(h, 'D0CLINIC1', ticketThread)).filter(
      (m) => m.bot_id && Number(m.ts) > Number(reply.ts),
    );
    expect(botAfterReply.map((m) => m.text)).toEqual([`Added to *${key}*. Thank you.`]);
  });

  it('a DM outside the ticket thread, new or a follow-up, is answered and adds nothing to the ticket', async () => {
    const before = (await comments()).length;
    const { question, followUp } = await answeredFollowUp();
    expect(answeringStarted(question)).toBe(true);
    const answers = (await messages(h, 'D0CLINIC1', question)).filter(
      (m) => m.bot_id && Number(m.ts) > Number(followUp),
    );
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.some((m) => m.text.includes('Added to'))).toBe(false);
    expect(await comments()).toHaveLength(before);
  });
});
