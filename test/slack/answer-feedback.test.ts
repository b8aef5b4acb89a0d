import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../src/feedback/feedback-store.js';
import { type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { waitUntil } from '../helpers/wait-until.js';

let h: DeskHarness;
let clinicianId: string;

beforeAll(async () => {
  h = await startDesk();
  const state = await h.api<{ users: { id: string; persona: string }[] }>('/api/test/state');
  clinicianId = state.users.find((u) => u.persona === 'clinician')?.id ?? '';
});
afterAll(() => h.stop());

async function storedFeedback(): Promise<FeedbackRecord[]> {
  const { code, stdout } = await runCliCaptured(['kb', 'feedback', '--json'], { dataDir: h.dataDir });
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

async function askAndGetAnswer(question: string) {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user: 'clinician',
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> ${question}`,
  });
  return h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
}

/** Interactions whose listeners have run to the end (their inbox entries are done). */
function doneInteractions(): number {
  const db = new Database(join(h.dataDir, 'pacs-desk.sqlite'), { readonly: true });
  const row = db
    .prepare("SELECT COUNT(*) AS n FROM cluster_inbox WHERE key LIKE 'interaction:%' AND state = 'done'")
    .get() as { n: number };
  db.close();
  return row.n;
}

async function thanksFor(userId: string) {
  const messages = await h.api<{ ephemeral_for: string | null; text: string }[]>(
    '/api/test/messages?channel=radiology-help',
  );
  return messages.filter((m) => m.ephemeral_for === userId && m.text.includes('this answer helped'));
}

/** The answer id the feedback buttons carry. */
function answerIdOf(answer: { blocks?: unknown }): string {
  const match = JSON.stringify(answer.blocks ?? []).match(
    /"action_id":"answer_feedback_up"[^}]*?"value":"([^"]+)"|"value":"([^"]+)"[^}]*?"action_id":"answer_feedback_up"/,
  );
  return match?.[1] ?? match?.[2] ?? '';
}

describe('👍/👎 feedback on answers', () => {
  it('👍 stores the vote with the cited sources and thanks the user privately', async () => {
    const answer = await askAndGetAnswer('how do I burn a cd for the patient');
    const click = await h.api<{ status: number }>('/api/test/click', {
      user: 'clinician',
      channel: 'radiology-help',
      ts: answer.ts,
      action_id: 'answer_feedback_up',
    });
    expect(click.status).toBe(200);
    await h.ws.waitForMessage({ channel: 'radiology-help', ephemeralFor: clinicianId, textIncludes: 'Thanks' });
    const rows = await waitUntil(async () => {
      const r = await storedFeedback();
      expect(r).toHaveLength(1);
      return r;
    });
    expect(rows[0]).toMatchObject({ rating: 'up', userId: clinicianId, sources: ['studies/burning-a-cd.md'] });
  });

  it('👎 is kept when the reason form cannot open (views.open fails), and the person is told', async () => {
    const answer = await askAndGetAnswer('how do I burn a cd for the referring doctor');
    await h.api('/api/test/directory', { fail: 'views.open', error: 'expired_trigger_id' });
    try {
      await h.api('/api/test/click', {
        user: 'clinician',
        channel: 'radiology-help',
        ts: answer.ts,
        action_id: 'answer_feedback_down',
      });
      const told = await h.ws.waitForMessage({
        channel: 'radiology-help',
        ephemeralFor: clinicianId,
        textIncludes: 'could not open',
      });
      expect(told.text).toContain('did not help');
      await waitUntil(async () => expect((await storedFeedback()).filter((r) => r.rating === 'down')).toHaveLength(1));
      expect(h.logs()).toContain('feedback reason form could not open');
    } finally {
      await h.api('/api/test/directory', { restore: 'views.open' });
    }
  });

  it('👎 asks why in a modal, shows field errors, and stores the reason redacted', async () => {
    const answer = await askAndGetAnswer('images not loading in the viewer for MRN 7654321');
    await h.api('/api/test/click', {
      user: 'clinician',
      channel: 'radiology-help',
      ts: answer.ts,
      action_id: 'answer_feedback_down',
    });
    const view = await h.ws.waitForView({ user: clinicianId, callback_id: 'answer_feedback_reason' });
    expect(view.title).not.toMatch(/\d{5,}/);

    const empty = await h.api<Record<string, unknown>>('/api/test/submit', {
      user: 'clinician',
      view_id: view.id,
      values: {},
    });
    expect(empty).toMatchObject({ response_action: 'errors', errors: { feedback_category: expect.any(String) } });

    const otherWithoutText = await h.api('/api/test/submit', {
      user: 'clinician',
      view_id: view.id,
      values: { feedback_category: { category: { type: 'radio_buttons', selected_option: { value: 'other' } } } },
    });
    expect(otherWithoutText).toMatchObject({
      response_action: 'errors',
      errors: { feedback_text: expect.any(String) },
    });

    const ok = await h.api('/api/test/submit', {
      user: 'clinician',
      view_id: view.id,
      values: {
        feedback_category: { category: { type: 'radio_buttons', selected_option: { value: 'other' } } },
        feedback_text: {
          text: {
            type: 'plain_text_input',
            value: 'it was about Mrs Jones, MRN 7654321, and it missed the cache step',
          },
        },
      },
    });
    expect(ok).toEqual({});
    const rows = await waitUntil(async () => {
      const r = (await storedFeedback()).filter((x) => x.rating === 'down' && x.reason);
      expect(r).toHaveLength(1);
      return r;
    });
    expect(rows[0]?.reason).toContain('missed the cache step');
    expect(JSON.stringify(rows)).not.toMatch(/7654321|Jones/);
  });

  it('a double click on 👍 keeps one vote and thanks once, even with both clicks at once', async () => {
    const answer = await askAndGetAnswer('how do I burn a cd for a lawyer');
    const before = doneInteractions();
    const thanksBefore = (await thanksFor(clinicianId)).length;
    const click = () =>
      h.api('/api/test/click', {
        user: 'clinician',
        channel: 'radiology-help',
        ts: answer.ts,
        action_id: 'answer_feedback_up',
      });
    await Promise.all([click(), click()]);
    // Both clicks' listeners have finished once their inbox entries are done.
    await waitUntil(() => expect(doneInteractions()).toBe(before + 2));
    expect((await thanksFor(clinicianId)).length - thanksBefore).toBe(1);
    const rows = (await storedFeedback()).filter((r) => r.answerId === answerIdOf(answer));
    expect(rows).toHaveLength(1);
  });
});
