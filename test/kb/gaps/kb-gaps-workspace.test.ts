import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbGap } from '../../../src/knowledge-loop/kb-gaps.js';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { waitUntil } from '../../helpers/wait-until.js';

let h: DeskHarness;

beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

async function ask(user: string, channel: string, question: string) {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user,
    channel,
    text: `<@${h.ws.botUserId}> ${question}`,
  });
  return h.ws.waitForMessage({ channel, thread_ts: ts, fromBot: true });
}

async function gaps(): Promise<{ json: KbGap[]; stdout: string }> {
  const { code, stdout, stderr } = await runCliCaptured(['kb', 'gaps', '--json'], { dataDir: h.dataDir });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return { json: JSON.parse(stdout), stdout };
}

const identifiers = ['7654321', 'A1234567', '5550123'];

describe('pacs-desk kb gaps, from questions asked in the local workspace', () => {
  it('groups abstained and 👎 questions by topic, with counts, channels and nearest pages, and no identifiers', async () => {
    await ask('clinician', 'radiology-help', 'how do I renew my staff parking permit? MRN 7654321');
    await ask('associate', 'pacs-triage', 'where do I apply for a parking permit renewal, accession A1234567');
    await ask('clinician', 'radiology-help', 'what is the cafeteria menu for friday');
    const answered = await ask('clinician', 'radiology-help', 'how do I burn a cd for MRN 5550123');
    expect(answered.text).not.toMatch(/couldn't find|not sure/i);
    await h.api('/api/test/click', {
      user: 'clinician',
      channel: 'radiology-help',
      ts: answered.ts,
      action_id: 'answer_feedback_down',
    });

    const { json, stdout } = await waitUntil(async () => {
      const out = await gaps();
      expect(out.json.reduce((n, g) => n + g.count, 0)).toBe(4);
      return out;
    });
    for (const id of identifiers) expect(stdout).not.toContain(id);
    expect(json).toHaveLength(3);
    for (const gap of json)
      expect(Object.keys(gap).sort()).toEqual(['channels', 'count', 'nearest', 'questions', 'reasons', 'topic']);

    const [parking, ...rest] = json;
    expect(parking).toMatchObject({
      count: 2,
      channels: ['C0PTRIAGE', 'C0RADHELP'],
      reasons: { abstained: 2, thumbsDown: 0 },
    });
    expect(parking?.topic).toMatch(/parking/);
    expect(parking?.topic).toMatch(/permit/);
    expect(parking?.questions).toEqual([
      'how do I renew my staff parking permit? MRN [MRN]',
      'where do I apply for a parking permit renewal, accession [ACCESSION]',
    ]);
    expect(parking?.nearest.length).toBeGreaterThan(0);
    for (const page of parking?.nearest ?? [])
      expect(page).toEqual({ source: expect.any(String), heading: expect.any(String) });

    const cafeteria = rest.find((g) => g.topic.includes('cafeteria'));
    expect(cafeteria).toMatchObject({
      count: 1,
      questions: ['what is the cafeteria menu for friday'],
      channels: ['C0RADHELP'],
      reasons: { abstained: 1, thumbsDown: 0 },
    });
    const disliked = rest.find((g) => g !== cafeteria);
    expect(disliked).toMatchObject({
      count: 1,
      questions: ['how do I burn a cd for MRN [MRN]'],
      channels: ['C0RADHELP'],
      reasons: { abstained: 0, thumbsDown: 1 },
    });
    expect(disliked?.nearest[0]?.source).toBe('studies/burning-a-cd.md');
  });

  it('prints a readable table without --json, and only what is newer than --since', async () => {
    const table = await runCliCaptured(['kb', 'gaps'], { dataDir: h.dataDir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^COUNT\s+ABST\s+👎\s+TOPIC\s+CHANNELS$/m);
    expect(table.stdout).toMatch(/^2\s+2\s+0\s+.*parking.*C0PTRIAGE C0RADHELP$/m);
    expect(table.stdout).toContain('nearest: studies/burning-a-cd.md');
    for (const id of identifiers) expect(table.stdout).not.toContain(id);

    const future = await runCliCaptured(['kb', 'gaps', '--since', '2999-01-01', '--json'], { dataDir: h.dataDir });
    expect(JSON.parse(future.stdout)).toEqual([]);
    const bad = await runCliCaptured(['kb', 'gaps', '--since', 'last week'], { dataDir: h.dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('YYYY-MM-DD');
  });

  it('kb deflection counts the same questions per channel and week', async () => {
    const { code, stdout } = await runCliCaptured(['kb', 'deflection', '--json'], { dataDir: h.dataDir });
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      questions: 4,
      answered: 1,
      answeredNoTicket: 1,
      ticketsFromAnswers: 0,
      thumbsUp: 0,
      thumbsDown: 1,
      guidedResolutions: 0,
    });
    expect(summary.byChannel.map((c: { channel: string; questions: number }) => [c.channel, c.questions])).toEqual([
      ['C0RADHELP', 3],
      ['C0PTRIAGE', 1],
    ]);
    expect(summary.byWeek).toHaveLength(1);
    const table = await runCliCaptured(['kb', 'deflection'], { dataDir: h.dataDir });
    expect(table.stdout).toMatch(/^C0RADHELP\s+3\s+1\s+1\s+0\s+0\s+1\s+0/m);
  });

  it('shows the KB owners (here the admins: no KB_OWNERS_GROUP) the gaps on App Home, and nobody else', async () => {
    const home = async (user: 'admin' | 'associate') => {
      await h.api('/api/test/open-home', { user });
      return waitUntil(async () => {
        const view = await h.api<{ blocks: unknown[] } | null>(`/api/test/home?user=${user}`);
        if (!view) throw new Error('home not published yet');
        return JSON.stringify(view.blocks);
      });
    };
    const admin = await home('admin');
    expect(admin).toContain('Knowledge base gaps');
    expect(admin).toMatch(/parking/);
    for (const id of identifiers) expect(admin).not.toContain(id);
    expect(await home('associate')).not.toContain('Knowledge base gaps');
  });

  it('report weekly carries the same deflection and the gaps', async () => {
    const { code, stdout } = await runCliCaptured(['report', 'weekly', '--json'], { dataDir: h.dataDir });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.deflection).toEqual({ questions: 4, answeredNoTicket: 1, ticketsFromAnswers: 0 });
    expect(report.gaps[0]).toMatchObject({ count: 2, topic: expect.stringMatching(/parking/) });
    for (const id of identifiers) expect(stdout).not.toContain(id);
  });
});
