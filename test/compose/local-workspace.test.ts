import { afterAll, describe, expect, it } from 'vitest';
import { startLocalWorkspace } from '../../src/compose/local-workspace.js';
import { loadConfig } from '../../src/config.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('local-workspace-');
afterAll(() => dir.remove());

async function start(env: NodeJS.ProcessEnv = {}) {
  const { workspace, config } = await startLocalWorkspace(loadConfig({ DATA_DIR: dir.path, ...env }), {
    workspace: { port: 0, waitForBotMs: 0 },
  });
  return { workspace, config };
}

describe('npm start without Slack tokens', () => {
  it('sets DIGEST_CHANNEL to the seeded #pacs-managers channel, which the workspace knows', async () => {
    const { workspace, config } = await start();
    try {
      expect(config.channels.digestChannel).toBe('C0PMANAGE');
      expect(config.tickets.triageChannel).toBe('C0PTRIAGE');
      const info = await fetch(`${workspace.apiUrl}conversations.info`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.slack.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C0PMANAGE' }),
      });
      expect(await info.json()).toMatchObject({ ok: true, channel: { id: 'C0PMANAGE', name: 'pacs-managers' } });
    } finally {
      await workspace.stop();
    }
  });

  it('keeps a DIGEST_CHANNEL that is set', async () => {
    const { workspace, config } = await start({ DIGEST_CHANNEL: 'C0OTHER01' });
    await workspace.stop();
    expect(config.channels.digestChannel).toBe('C0OTHER01');
  });
});
