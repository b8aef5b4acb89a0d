import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { tempDir } from '../helpers/temp-dir.js';

const kb = tempDir('kb-reindex-');
let h: DeskHarness;

beforeAll(async () => {
  cpSync(join(packageRoot, 'knowledge'), kb.path, { recursive: true });
  h = await startDesk({ KB_DIR: kb.path });
});
afterAll(async () => {
  await h.stop();
  kb.remove();
});

describe('/pacs reindex', () => {
  it('A7: is for admins only: an associate is refused and nothing is re-read', async () => {
    writeFileSync(
      join(kb.path, 'viewer', 'not-yet.md'),
      '# Not yet\n\nThis page must not be indexed by a refused reindex.\n',
    );
    await h.api('/api/test/post', { user: 'associate', channel: 'pacs-triage', text: '/pacs reindex' });
    const refused = await h.ws.waitForMessage({ channel: 'pacs-triage', textIncludes: 'for PACS admins only' });
    expect(refused.ephemeral_for).toBe('U0ASSOC01');
    expect(h.logs()).not.toContain('kb reindexed on command');
  });

  it('picks up a page published after start, and the next question is answered from it', async () => {
    writeFileSync(
      join(kb.path, 'viewer', 'dictation-foot-pedal.md'),
      '---\ntitle: Dictation foot pedal not responding\n---\n# Dictation foot pedal not responding\n\n## Fix\n\nUnplug the foot pedal, wait ten seconds, plug it into the front USB port of the reading workstation, then restart the dictation client.\n',
    );
    const result = await h.api<{ command: { status: number } }>('/api/test/post', {
      user: 'admin',
      channel: 'pacs-triage',
      text: '/pacs reindex',
    });
    expect(result.command.status).toBe(200);
    const reply = await h.ws.waitForMessage({
      channel: 'pacs-triage',
      textIncludes: 'Knowledge base re-indexed: 22 articles',
    });
    expect(reply.ephemeral_for).toBeTruthy();

    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${h.ws.botUserId}> my dictation foot pedal stopped responding`,
    });
    const answer = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect(blockText(answer.blocks)).toContain('viewer/dictation-foot-pedal.md');
  });
});
