import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { ids, messages, submitTicket } from './ticket-helpers.js';

let h: DeskHarness;
beforeAll(async () => {
  // Slack's own limit on chat.postMessage: about one message per second per channel.
  h = await startDesk({}, { rateLimit: { perSecond: 1, burst: 1 } });
});
afterAll(() => h.stop());

describe('Slack rate limits', () => {
  it('R10: posts every triage card even when Slack answers 429: queued and retried, nothing dropped', async () => {
    const users = ['clinician', 'associate', 'admin'] as const;
    for (const user of users) await h.api('/api/test/shortcut', { user, callback_id: 'pacs_new_ticket' });
    const views = await Promise.all(users.map((u) => h.ws.waitForView({ user: ids[u], callback_id: 'ticket_new' })));
    await Promise.all(
      views.map((v, i) =>
        submitTicket(h, users[i] ?? 'clinician', v.id, {
          summary: `Rate limited ticket ${i}`,
          category: 'other',
          urgency: 'routine',
        }),
      ),
    );
    const cards = await waitUntil(async () => {
      const found = (await messages(h, ids.triage)).filter((m) => m.bot_id && m.text.startsWith('PACS-'));
      expect(found).toHaveLength(3);
      return found;
    });
    expect(new Set(cards.map((c) => c.text.split(' ')[0])).size).toBe(3);
    expect(h.ws.calls('chat.postMessage').some((c) => c.error === 'ratelimited')).toBe(true);
  });
});
