import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { waitUntil } from '../helpers/wait-until.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

describe('App Home', () => {
  it('publishes how to ask and the knowledge-base figures when the Home tab opens', async () => {
    await h.api('/api/test/open-home', { user: 'clinician' });
    const home = await waitUntil(async () => {
      const view = await h.api<{ blocks: unknown[] } | null>('/api/test/home?user=clinician');
      if (!view) throw new Error('home not published yet');
      return view;
    });
    const text = blockText(home.blocks);
    expect(text).toContain('How to ask');
    expect(text).toContain('Knowledge base: 20 articles');
    expect(text).toContain('/pacs ask');
  });
});
