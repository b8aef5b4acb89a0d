import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { BotError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import { createWorkspace, type Workspace } from '../../src/devtools/workspace/index.js';
import { startPacsDesk } from '../../src/main.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('desk-badtoken-');
let ws: Workspace;
beforeAll(async () => {
  ws = await createWorkspace({ dataDir: dir.path, botToken: 'xoxb-the-right-one', signingSecret: 's' });
});
afterAll(async () => {
  await ws.stop();
  dir.remove();
});

describe('starting against Slack with a bad token', () => {
  it('fails with an actionable message and without printing the token', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-revoked-token',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: ws.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir.path,
      KB_WATCH: 'false',
    });
    const error = await startPacsDesk(config, {
      logger: createLogger({ level: 'silent' }),
      slackRetry: { retries: 0 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe('config_invalid');
    expect((error as BotError).userMessage).toContain('Check SLACK_BOT_TOKEN');
    expect(`${(error as BotError).message} ${(error as BotError).userMessage}`).not.toContain('xoxb-revoked-token');
  });
});
