import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
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

describe('a DM is either a reply to the PACS team or a question for the bot, never both', () => {
  it('a reply in the ticket DM thread is relayed to the ticket and not answered as a question', async () => {
    expect(key).toMatch(/^PACS-\d+$/);
    expect(ticketThread).not.toBe('');
    const cardTs = (await cardFor(h, key)).ts;
    const reply = await dmFrom('Why does the viewer say no images for the outside MR?', ticketThread);

    await h.ws.waitForMessage({ channel: ids.triage, thread_ts: cardTs, fromBot: true, textIncludes: 'replied' });
    await h.ws.waitForMessage({
      channel: 'D0CLINIC1',
      thread_ts: ticketThread,
      fromBot: true,
      textIncludes: 'Added to',
    });
    const detail = await cliJson<{ timeline: { kind: string; body?: string }[] }>(h, 'tickets', 'show', key);
    expect(detail.timeline.some((e) => e.kind === 'comment' && e.body?.includes('outside MR'))).toBe(true);

    // A question sent afterwards is answered: by then the reply above has long been handled.
    const question = await dmFrom('viewer says no images');
    await h.ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: question.ts, fromBot: true });
    const botAfterReply = (await messages(h, 'D0CLINIC1', ticketThread)).filter(
      (m) => m.bot_id && Number(m.ts) > Number(reply.ts),
    );
    expect(botAfterReply.map((m) => m.text)).toEqual([`Added to *${key}*. Thank you.`]);
  });

  it('a follow-up in an answer thread (not a ticket thread) is answered and adds nothing to the ticket', async () => {
    const question = await dmFrom('viewer says no images');
    const answer = await h.ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: question.ts, fromBot: true });
    const commentsBefore = (await cliJson<{ timeline: { kind: string }[] }>(h, 'tickets', 'show', key)).timeline.filter(
      (e) => e.kind === 'comment',
    ).length;
    const followUp = await dmFrom('and what if the study is still arriving?', question.ts);
    await h.ws.waitForMessage({
      channel: 'D0CLINIC1',
      thread_ts: question.ts,
      fromBot: true,
      after: followUp.ts,
    });
    expect(answer.text).not.toContain('Added to');
    const inThread = await waitUntil(async () => {
      const posts = (await messages(h, 'D0CLINIC1', question.ts)).filter(
        (m) => m.bot_id && Number(m.ts) > Number(followUp.ts),
      );
      if (posts.length === 0) throw new Error('no answer yet');
      return posts;
    });
    expect(inThread.some((m) => m.text.includes('Added to'))).toBe(false);
    const commentsAfter = (await cliJson<{ timeline: { kind: string }[] }>(h, 'tickets', 'show', key)).timeline.filter(
      (e) => e.kind === 'comment',
    ).length;
    expect(commentsAfter).toBe(commentsBefore);
  });
});
