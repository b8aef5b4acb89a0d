import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { waitUntil } from '../helpers/wait-until.js';

let h: DeskHarness;
let clinicianId: string;

beforeAll(async () => {
  h = await startDesk();
  const state = await h.api<{ users: { id: string; persona: string }[] }>('/api/test/state');
  clinicianId = state.users.find((u) => u.persona === 'clinician')?.id ?? '';
});
afterAll(() => h.stop());

async function slash(text: string) {
  const before = new Date().toISOString();
  const result = await h.api<{ command: { status: number } }>('/api/test/post', {
    user: 'clinician',
    channel: 'radiology-help',
    text,
  });
  expect(result.command.status).toBe(200);
  return before;
}

describe('/pacs', () => {
  it('help lists every subcommand, only to the person who asked', async () => {
    await slash('/pacs help');
    const reply = await h.ws.waitForMessage({
      channel: 'radiology-help',
      ephemeralFor: clinicianId,
      textIncludes: 'PACS Desk help',
    });
    const text = blockText(reply.blocks);
    expect(text).toContain('/pacs ask');
    expect(text).toContain('/pacs help');
  });

  it('a bare /pacs shows help too', async () => {
    const seen = (await h.api<unknown[]>('/api/test/messages?channel=radiology-help')).length;
    await slash('/pacs');
    await h.ws.waitForMessage({ channel: 'radiology-help', ephemeralFor: clinicianId, textIncludes: 'PACS Desk help' });
    expect((await h.api<unknown[]>('/api/test/messages?channel=radiology-help')).length).toBeGreaterThan(seen);
  });

  it('ask answers privately with sources', async () => {
    await slash('/pacs ask how do i get old scans from the archive to compare');
    await waitUntil(async () => {
      const all = await h.api<{ ephemeral_for?: string; blocks?: unknown }[]>(
        '/api/test/messages?channel=radiology-help',
      );
      const answer = all.find((m) => blockText(m.blocks).includes('studies/prior-and-outside-exams.md'));
      expect(answer?.ephemeral_for).toBe(clinicianId);
    });
  });

  it('ask without a question explains how to ask', async () => {
    await slash('/pacs ask');
    await h.ws.waitForMessage({
      channel: 'radiology-help',
      ephemeralFor: clinicianId,
      textIncludes: 'Add your question after the command',
    });
  });

  it('ask with an oversized question says how long it may be, and answers nothing', async () => {
    await slash(`/pacs ask ${'why is the viewer blank '.repeat(120)}`);
    const reply = await h.ws.waitForMessage({
      channel: 'radiology-help',
      ephemeralFor: clinicianId,
      textIncludes: 'please keep it under 2000',
    });
    expect(reply.text).not.toContain('why is the viewer blank why');
  });

  it('an unknown subcommand is named back, escaped, with a pointer to help', async () => {
    await slash('/pacs <!channel>frobnicate');
    const reply = await h.ws.waitForMessage({
      channel: 'radiology-help',
      ephemeralFor: clinicianId,
      textIncludes: "I don't know",
    });
    expect(reply.text).toContain('&lt;!channel&gt;');
    expect(reply.text).toContain('/pacs help');
  });

  it('never answers a slash command in the channel timeline', async () => {
    const messages = await h.api<{ ephemeral_for?: string; bot_id?: string }[]>(
      '/api/test/messages?channel=radiology-help',
    );
    expect(messages.filter((m) => m.bot_id && !m.ephemeral_for)).toEqual([]);
  });
});
