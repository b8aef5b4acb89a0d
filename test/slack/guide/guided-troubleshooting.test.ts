import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { cliJson, ids, type MessageOut, submitTicket } from '../tickets/ticket-helpers.js';
import {
  ask,
  botReplies,
  button,
  clickSnapshot,
  guideButtons,
  message,
  pageHeadings,
  stepMessage,
} from './guide-harness.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

const page = 'viewer/images-not-displaying.md';
const blackImages = 'the viewer opens the study but the images stay black';

const click = (m: MessageOut, actionId: string) =>
  h.api<{ status: number }>('/api/test/click', {
    user: 'clinician',
    channel: 'radiology-help',
    ts: m.ts,
    action_id: actionId,
  });

/** "Step n of N: heading" → heading (the fallback text is escaped like the blocks). */
const headingOf = (m: MessageOut) =>
  m.text
    .replace(/^Step \d+ of \d+: /, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

interface FeedbackRow {
  answerId: string;
  rating: string;
  resolution?: string;
}

describe('guided troubleshooting in the thread', () => {
  it('a troubleshooting answer offers Next step and That fixed it; Next step walks the page in order, once per click', async () => {
    const { threadTs, answer } = await ask(h, blackImages);
    expect(blockText(answer.blocks)).toContain(page);
    expect(guideButtons(answer).map((b) => b.action_id)).toEqual(['guide_next_step', 'guide_fixed']);
    for (const b of guideButtons(answer)) expect(b.value.length).toBeLessThan(60);

    // Two clicks arriving together, then a third from a stale copy of the message once step 2 is out.
    const statuses = await Promise.all([
      clickSnapshot(h, answer, 'guide_next_step'),
      clickSnapshot(h, answer, 'guide_next_step'),
    ]);
    expect(statuses).toEqual([200, 200]);
    const step2 = await stepMessage(h, threadTs, 2);
    expect(await clickSnapshot(h, answer, 'guide_next_step')).toBe(200);
    // The clicked answer's buttons became a note, in place.
    await waitUntil(async () => expect(guideButtons(await message(h, threadTs, answer.ts))).toEqual([]));
    expect(blockText((await message(h, threadTs, answer.ts))?.blocks)).toContain('Step 2 is below');

    // Walk to the end through the workspace's own click API.
    const headings = pageHeadings(page);
    const walked = [step2];
    for (let n = 3; button(walked.at(-1), 'guide_next_step'); n++) {
      expect((await click(walked.at(-1) as MessageOut, 'guide_next_step')).status).toBe(200);
      walked.push(await stepMessage(h, threadTs, n));
    }
    const positions = walked.map((m) => headings.indexOf(headingOf(m)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    for (const m of walked) expect(blockText(m.blocks)).toContain(`${page}#`);

    const replies = await botReplies(h, threadTs);
    expect(replies.filter((m) => m.text.startsWith('Step 2 of '))).toHaveLength(1);
    expect(replies).toHaveLength(1 + walked.length);

    // The end of the path: That fixed it and Open a ticket, with the steps tried in the form.
    const last = walked.at(-1) as MessageOut;
    expect(guideButtons(last).map((b) => b.action_id)).toEqual(['guide_fixed', 'guide_open_ticket']);
    expect((await click(last, 'guide_open_ticket')).status).toBe(200);
    const view = await waitUntil(async () => {
      const v = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
      if (!blockText(v.blocks).includes('Asked: ')) throw new Error('question not filled in yet');
      return v;
    });
    const details = (
      view.blocks.find((b) => (b as { block_id?: string }).block_id === 'description') as {
        element: { initial_value: string };
      }
    ).element.initial_value;
    const triedLines = details
      .split('\n')
      .filter((l) => /^\d+\. /.test(l))
      .map((l) => l.replace(/^\d+\. /, ''));
    expect(triedLines.slice(1)).toEqual(walked.map(headingOf));
    expect(triedLines).toHaveLength(walked.length + 1);
    expect(details).toContain(`(${page})`);
    expect(details).toContain(`Asked: ${blackImages}`);
    expect(blockText(view.blocks)).toContain(blackImages); // the summary

    // Submitted as prefilled, the ticket keeps the steps and is announced in the same thread.
    const submitted = await submitTicket(h, 'clinician', view.id, {
      summary: blackImages,
      description: details,
      category: 'images_not_displaying',
      urgency: 'routine',
    });
    expect(submitted).toEqual({});
    const note = await h.ws.waitForMessage({
      channel: 'radiology-help',
      thread_ts: threadTs,
      fromBot: true,
      textIncludes: 'PACS-',
    });
    const key = /PACS-\d+/.exec(note.text)?.[0] ?? '';
    const shown = await cliJson<{ ticket: { description?: string } }>(h, 'tickets', 'show', key);
    expect(shown.ticket.description).toContain(`2. ${headingOf(step2)}`);
  });

  it('That fixed it records the resolution and replaces the buttons with a confirmation, never a second copy', async () => {
    const { threadTs, answer } = await ask(h, 'images are black in the viewer when I open an exam');
    expect(button(answer, 'guide_fixed')).toBeDefined();
    await Promise.all([clickSnapshot(h, answer, 'guide_fixed'), clickSnapshot(h, answer, 'guide_fixed')]);
    const updated = await waitUntil(async () => {
      const m = await message(h, threadTs, answer.ts);
      if (guideButtons(m).length > 0) throw new Error('buttons still there');
      return m as MessageOut;
    });
    expect(blockText(updated.blocks)).toContain('fixed it');
    expect(blockText(updated.blocks)).toContain('answer_feedback'); // 👍/👎 stay
    expect(await botReplies(h, threadTs)).toHaveLength(1);
    const answerId = (button(answer, 'guide_fixed')?.value ?? '').split(':')[0];
    const rows = await waitUntil(async () => {
      const r = (await cliJson<FeedbackRow[]>(h, 'kb', 'feedback')).filter((x) => x.answerId === answerId);
      expect(r).toHaveLength(1);
      return r;
    });
    expect(rows[0]).toMatchObject({ rating: 'up', resolution: expect.stringMatching(/^step 1 of \d+ /) });
    // The KB owners' listing shows it as a 👍 saying which step fixed it.
    const { stdout } = await runCliCaptured(['kb', 'feedback'], { dataDir: h.dataDir });
    expect(stdout).toMatch(/👍 {2}resolved: step 1 of \d+ ".+" \(viewer\/images-not-displaying\.md\)/);
  });

  it('works the same in a direct message to the bot', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'dm',
      text: blackImages,
    });
    const answer = (await h.ws.waitForMessage({ thread_ts: ts, fromBot: true })) as unknown as MessageOut;
    expect(button(answer, 'guide_next_step')).toBeDefined();
    await h.api('/api/test/click', { user: 'clinician', channel: 'dm', ts: answer.ts, action_id: 'guide_next_step' });
    const step2 = await h.ws.waitForMessage({ thread_ts: ts, fromBot: true, textIncludes: 'Step 2 of' });
    expect(blockText(step2.blocks)).toContain(`${page}#`);
  });

  it('an answer that is not from a troubleshooting page has no guide buttons', async () => {
    const { answer } = await ask(h, 'how do I burn a cd for the patient');
    expect(blockText(answer.blocks)).toContain('studies/burning-a-cd.md');
    expect(guideButtons(answer)).toEqual([]);
    expect(blockText(answer.blocks)).not.toContain('guide_');
  });

  it('a forged or expired button value posts nothing and tells the person', async () => {
    const { threadTs, answer } = await ask(h, blackImages);
    const forged = {
      ...answer,
      blocks: [
        {
          type: 'actions',
          block_id: 'guide_actions',
          elements: [{ type: 'button', action_id: 'guide_next_step', value: '00000000-0000-0000-0000-000000000000:2' }],
        },
      ],
    };
    expect(await clickSnapshot(h, forged, 'guide_next_step')).toBe(200);
    await h.ws.waitForMessage({
      channel: 'radiology-help',
      ephemeralFor: ids.clinician,
      textIncludes: 'no longer available',
    });
    expect(await botReplies(h, threadTs)).toHaveLength(1);
  });
});
