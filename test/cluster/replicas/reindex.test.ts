import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { type Cluster, startCluster } from './cluster.js';
import { answeredBy, answerIdOf, ask } from './questions.js';
import { botReplies, pollUntil } from './workspace-api.js';

const kb = tempDir('replicas-kb-');
let cluster: Cluster | undefined;
afterAll(async () => {
  await cluster?.stop();
  kb.remove();
});

const PAGE = 'front-desk/barcode-scanner-beeps-twice.md';

/**
 * Issue 11: `/pacs reindex` run on one replica reaches every replica (the fan-out bus). The replicas share one KB
 * folder; a page added after start is answered from by all three. Socket Mode cannot pick the replica, so
 * questions are asked until each replica has answered one (the spread hands them out in turn).
 */
it('/pacs reindex on one replica: all three answer from the new page', async () => {
  cpSync(join(packageRoot, 'knowledge'), kb.path, { recursive: true });
  const c = await startCluster({ replicas: 3, env: { KB_DIR: kb.path } });
  cluster = c;
  const api = c.harness.api;
  mkdirSync(join(kb.path, 'front-desk'));
  writeFileSync(
    join(kb.path, PAGE),
    '---\ntitle: Barcode scanner at the front desk beeps twice\n---\n# Barcode scanner at the front desk beeps twice\n\n## Fix\n\nTwo beeps mean the scanner lost its cradle pairing. Scan the PAIR barcode on the cradle, wait for one long beep, then scan the request form again.\n',
  );
  const result = await api.post('admin', 'pacs-triage', '/pacs reindex');
  expect(result.command?.status).toBe(200);
  await pollUntil(
    async () =>
      (await api.messages('pacs-triage')).some((m) => m.text.startsWith('Knowledge base re-indexed'))
        ? true
        : undefined,
    { timeoutMs: 20_000, describe: () => 'no "Knowledge base re-indexed" reply' },
  );

  const bot = (await api.state()).bot.user_id;
  const citedBy = new Set<string>();
  const notCitedBy = new Set<string>();
  let asked = 0;
  await pollUntil(
    async () => {
      const { ts, channel } = await ask(api, bot, asked++, 'the front desk barcode scanner beeps twice');
      const reply = await pollUntil(async () => (await botReplies(api, channel, ts))[0], { timeoutMs: 20_000 });
      const by = answeredBy(c.replicas, answerIdOf(reply) ?? '') ?? '?';
      (JSON.stringify(reply.blocks).includes(PAGE) ? citedBy : notCitedBy).add(by);
      return citedBy.size === 3 ? true : undefined;
    },
    {
      timeoutMs: 30_000,
      intervalMs: 0,
      describe: () => `answered from the new page by [${[...citedBy]}], not by [${[...notCitedBy]}]`,
    },
  );
  expect([...citedBy].sort()).toEqual(['r1', 'r2', 'r3']);
}, 180_000);
