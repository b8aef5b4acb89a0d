import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/db/create-database.js';
import { createTicketStore } from '../../../src/tickets/ticket-store.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { newTicket } from '../../tickets/helpers.js';
import { ids, messages } from './ticket-helpers.js';

let h: DeskHarness;
const count = 40;

beforeAll(async () => {
  h = await startDesk();
  // A busy morning: many open tickets with long summaries full of mrkdwn, written to the bot's own store.
  const database = await createDatabase({ dataDir: h.dataDir });
  const store = createTicketStore(database);
  for (let i = 0; i < count; i++) {
    const summary = `*Viewer* _blank_ \`CT\` ${'very long summary text '.repeat(8)}#${i}`.slice(0, 200);
    await store.create(newTicket({ requesterId: ids.clinician, summary }), ids.clinician);
  }
  await database.close();
});
afterAll(() => h.stop());

describe('long lists in Slack', () => {
  it('B7: /pacs tickets open with 40 long tickets fits Slack (no invalid_blocks or msg_too_long) and counts the rest', async () => {
    const last = (await messages(h, ids.help)).at(-1)?.ts;
    await h.api('/api/test/post', { user: 'associate', channel: 'radiology-help', text: '/pacs tickets open' });
    const reply = await h.ws.waitForMessage({
      channel: ids.help,
      ephemeralFor: ids.associate,
      textIncludes: 'Open tickets',
      after: last,
    });
    const shown = blockText(reply.blocks);
    expect(shown).toMatch(/and \d+ more/);
    expect((reply.blocks ?? []).length).toBeLessThanOrEqual(50);
    for (const block of reply.blocks as { text?: { text?: string } }[])
      expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    expect(h.logs()).not.toMatch(/invalid_blocks|msg_too_long/);
  });

  it('B7: App Home for an associate with 40 open tickets publishes (the workspace validates the view)', async () => {
    await h.api('/api/test/open-home', { user: 'associate' });
    const home = await waitUntil(async () => {
      const v = await h.api<{ view: { blocks: unknown[] } } | null>('/api/test/home?user=associate');
      expect(blockText(v?.view.blocks)).toContain('PACS-');
      return v;
    });
    expect(home?.view.blocks.length).toBeLessThanOrEqual(100);
    expect(h.logs()).not.toMatch(/invalid_blocks|msg_too_long/);
  });
});
