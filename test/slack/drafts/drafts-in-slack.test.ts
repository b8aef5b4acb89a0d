import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { postSigned } from '../roles/signed-requests.js';
import { cardFor, cliJson, ids, type MessageOut, messages, submitTicket } from '../tickets/ticket-helpers.js';

const kb = tempDir('kb-drafts-it-');
let h: DeskHarness;
const adminDm = 'D0ADMIN01';

beforeAll(async () => {
  cpSync(join(packageRoot, 'knowledge'), kb.path, { recursive: true });
  // KB owners: the admins' group (the associate drafts, only the admin publishes).
  h = await startDesk({ KB_DIR: kb.path, KB_OWNERS_GROUP: 'S0PACSADM' });
});
afterAll(async () => {
  await h.stop();
  kb.remove();
});

const files = (folder: string) => (existsSync(join(kb.path, folder)) ? readdirSync(join(kb.path, folder)) : []);

interface ViewOut {
  id: string;
  blocks: { block_id?: string; element?: { initial_value?: string } }[];
}

/** Submits a draft modal with the values it was opened with. */
function submitAsShown(view: ViewOut, user: string) {
  const values: Record<string, unknown> = {};
  for (const block of view.blocks) {
    if (block.block_id && block.element)
      values[block.block_id] = { value: { type: 'plain_text_input', value: block.element.initial_value ?? '' } };
  }
  return h.api<Record<string, unknown>>('/api/test/submit', { user, view_id: view.id, values });
}

async function ask(text: string): Promise<string> {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user: 'clinician',
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> ${text}`,
  });
  const answer = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
  return `${answer.text} ${blockText(answer.blocks)}`;
}

/** The newest DM to the admin whose blocks say all of `includes`. */
function reviewDm(...includes: string[]): Promise<MessageOut> {
  return waitUntil(async () => {
    const found = (await messages(h, adminDm))
      .reverse()
      .find((m) => includes.every((text) => JSON.stringify(m.blocks ?? []).includes(text)));
    if (!found) throw new Error(`no review DM with ${includes}`);
    return found;
  });
}

function forgedClick(userId: string, channel: string, actionId: string, value: string) {
  const payload = {
    type: 'block_actions',
    team: { id: h.ws.teamId, domain: 'pacs-desk-local' },
    user: { id: userId, username: 'forged', name: 'forged', team_id: h.ws.teamId },
    api_app_id: 'A0PACSDESK',
    token: 'legacy',
    trigger_id: '1.2.forged',
    channel: { id: channel, name: 'forged' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel, is_ephemeral: false },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1700000001.000000' }],
  };
  return postSigned(h, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}

describe('KB answers drafted from tickets', () => {
  let key = '';
  let cardTs = '';
  let slug = '';

  it('📖 on a reply in the card thread offers a draft; the modal is prefilled and redacted', async () => {
    await h.api('/api/test/post', { user: 'clinician', channel: 'radiology-help', text: '/pacs ticket' });
    const form = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
    await submitTicket(h, 'clinician', form.id, {
      summary: 'Zebra router queue stuck for MRN 4455667',
      description: 'Studies from the zebra router never reach the archive since last night.',
      category: 'missing_study',
      urgency: 'urgent',
    });
    key = await waitUntil(async () => {
      const found = (await cliJson<{ key: string }[]>(h, 'tickets', 'list'))[0]?.key;
      if (!found) throw new Error('no ticket yet');
      return found;
    });
    expect(key).toMatch(/^PACS-\d+$/);
    cardTs = (await cardFor(h, key)).ts;
    const reply = await h.api<{ ts: string }>('/api/test/post', {
      user: 'associate',
      channel: ids.triage,
      thread_ts: cardTs,
      text: 'Fixed: the zebra router queue was paused by the nightly purge job. For MRN 4455667 and everyone else, resume the zebra queue in the router console and the studies flow to the archive again.',
    });

    await h.api('/api/test/react', { user: 'associate', channel: ids.triage, ts: reply.ts, name: 'book' });
    const offer = await h.ws.waitForMessage({ channel: ids.triage, ephemeralFor: ids.associate, textIncludes: key });
    expect(offer.thread_ts).toBe(cardTs);
    await h.api('/api/test/click', {
      user: 'associate',
      channel: ids.triage,
      ts: offer.ts,
      action_id: 'kb_draft_from_message',
    });
    const view = await h.ws.waitForView({ user: ids.associate, callback_id: 'kb_draft' });
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('resume the zebra queue in the router console');
    expect(shown).toContain('Zebra router queue stuck');
    expect(shown).not.toContain('4455667');

    expect(await submitAsShown(view as unknown as ViewOut, 'associate')).toMatchObject({ response_action: 'update' });
    const [file] = files('drafts');
    expect(file).toMatch(/^zebra-router-queue-stuck.*\.md$/);
    slug = (file ?? '').replace(/\.md$/, '');
    const text = readFileSync(join(kb.path, 'drafts', file ?? ''), 'utf8');
    expect(text).toMatch(/^---\ntitle: Zebra router queue stuck/);
    expect(text).toContain(`source: ticket ${key}`);
    expect(text).toContain(`drafted_by: ${ids.associate}`);
    expect(text).toMatch(/drafted_at: "?\d{4}-\d\d-\d\dT/);
    expect(text).toMatch(/question: /);
    expect(text).not.toContain('4455667');
  });

  it('a draft is not used in answers before it is published, even after a reindex', async () => {
    await h.api('/api/test/post', { user: 'admin', channel: ids.triage, text: '/pacs reindex' });
    await h.ws.waitForMessage({
      channel: ids.triage,
      ephemeralFor: ids.admin,
      textIncludes: 'Knowledge base re-indexed',
    });
    const answer = await ask('the zebra router queue is stuck, studies never reach the archive');
    expect(answer).not.toContain(`${slug}.md`);
    expect(answer).not.toContain('router console');
  });

  it('only a KB owner may publish: the associate (not an owner) is refused and the draft stays', async () => {
    expect(await forgedClick(ids.associate, 'D0ASSOC01', 'kb_draft_publish', slug)).toBe(200);
    await h.ws.waitForMessage({ channel: 'D0ASSOC01', fromBot: true, textIncludes: 'Only KB owners' });
    expect(files('drafts')).toEqual([`${slug}.md`]);
    expect(files('answers')).toEqual([]);
  });

  it('the owner publishes from the DM; the next question is answered from the new page', async () => {
    const review = await reviewDm(`drafts/${slug}.md`, 'kb_draft_publish');
    expect(blockText(review.blocks)).not.toContain('4455667');
    await h.api('/api/test/click', { user: 'admin', channel: adminDm, ts: review.ts, action_id: 'kb_draft_publish' });
    await reviewDm(`Published by <@${ids.admin}>`);
    expect(files('drafts')).toEqual([]);
    expect(files('answers')).toEqual([`${slug}.md`]);
    const page = readFileSync(join(kb.path, 'answers', `${slug}.md`), 'utf8');
    expect(page).not.toMatch(/drafted_by|drafted_at/);

    const answer = await ask('the zebra router queue is stuck, studies never reach the archive');
    expect(answer).toContain(`answers/${slug}.md`);

    // A second click (or another owner's) changes nothing.
    await h
      .api('/api/test/click', { user: 'admin', channel: adminDm, ts: review.ts, action_id: 'kb_draft_publish' })
      .catch(() => {});
    expect(files('answers')).toEqual([`${slug}.md`]);
  });

  it('"Save as answer" on the resolved card drafts from the resolution note; Discard deletes the draft', async () => {
    await h.api('/api/test/click', { user: 'associate', channel: ids.triage, ts: cardTs, action_id: 'triage_resolve' });
    const resolve = await h.ws.waitForView({ user: ids.associate, callback_id: 'ticket_resolve' });
    await h.api('/api/test/submit', {
      user: 'associate',
      view_id: resolve.id,
      values: {
        note: {
          value: {
            type: 'plain_text_input',
            value: 'Purge job now skips the zebra queue (patient MRN 4455667 resent).',
          },
        },
      },
    });
    const card = await cardFor(h, key, 'kb_draft_from_ticket');

    await forgedClick(ids.clinician, ids.triage, 'kb_draft_from_ticket', key);
    await h.ws.waitForMessage({
      channel: ids.triage,
      ephemeralFor: ids.clinician,
      textIncludes: 'Only PACS associates',
    });

    await h.api('/api/test/click', {
      user: 'associate',
      channel: ids.triage,
      ts: card.ts,
      action_id: 'kb_draft_from_ticket',
    });
    const view = (await waitUntil(async () => {
      const v = await h.ws.waitForView({ user: ids.associate, callback_id: 'kb_draft' });
      if (!JSON.stringify(v.blocks).includes('Purge job now skips')) throw new Error('old modal');
      return v;
    })) as unknown as ViewOut;
    expect(JSON.stringify(view.blocks)).not.toContain('4455667');
    await submitAsShown(view, 'associate');
    const [file] = files('drafts');
    expect(file).toBeDefined();
    const second = (file ?? '').replace(/\.md$/, '');
    expect(readFileSync(join(kb.path, 'drafts', file ?? ''), 'utf8')).toContain('Purge job now skips the zebra queue');

    const review = await reviewDm(`drafts/${second}.md`, 'kb_draft_discard');
    await h.api('/api/test/click', { user: 'admin', channel: adminDm, ts: review.ts, action_id: 'kb_draft_discard' });
    await reviewDm(`Discarded by <@${ids.admin}>`);
    expect(files('drafts')).toEqual([]);
    expect(files('answers')).toEqual([`${slug}.md`]);
    expect(h.logs()).not.toContain('4455667');
  });
});
