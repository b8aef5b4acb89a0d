import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findWorklist } from '../../../src/pacs/worklist/dimse-worklist.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { wlItems } from './worklist-fixtures.js';
import { startWlmscpfs, type WorklistScp } from './worklist-servers.js';

/** For the lead's bench: p50 of 20 lookups of one item, ours beside dcmtk's `findscu -W`, printed once. */
const run = promisify(execFile);
const rounds = 20;
let wlm: WorklistScp;
const dir = tempDir('pacs-wl-bench-');

beforeAll(async () => {
  wlm = await startWlmscpfs(wlItems);
}, 30_000);

afterAll(async () => {
  await wlm?.stop();
  dir.remove();
});

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

it('measures findWorklist against findscu -W on the same item', async () => {
  const dump = join(dir.path, 'query.dump');
  writeFileSync(
    dump,
    [
      '(0008,0050) SH [WL0001]',
      '(0010,0010) PN []',
      '(0010,0020) LO []',
      '(0040,0100) SQ',
      '  (fffe,e000) -',
      '    (0008,0060) CS []',
      '    (0040,0001) AE []',
      '    (0040,0002) DA []',
      '    (0040,0003) TM []',
      '    (0040,0020) CS []',
      '  (fffe,e00d) -',
      '(fffe,e0dd) -',
      '',
    ].join('\n'),
  );
  const query = join(dir.path, 'query.dcm');
  expect(spawnSync('/usr/bin/dump2dcm', [dump, query]).status).toBe(0);
  const peer = { host: '127.0.0.1', port: wlm.port, calledAet: wlm.aet, callingAet: 'PACSDESK', timeoutMs: 3000 };
  const ours: number[] = [];
  const findscu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const outcome = await findWorklist(peer, { by: 'accession', accession: 'WL0001' });
    expect(outcome.items).toHaveLength(1);
    ours.push(outcome.ms);
    const t0 = performance.now();
    const { stderr, stdout } = await run('/usr/bin/findscu', [
      '-W',
      '-aec',
      wlm.aet,
      '-v',
      '127.0.0.1',
      String(wlm.port),
      query,
    ]);
    findscu.push(Math.round(performance.now() - t0));
    expect(`${stdout}${stderr}`).toMatch(/WL0001/);
  }
  console.log(`worklist C-FIND p50 over ${rounds}: findWorklist ${p50(ours)} ms, findscu -W ${p50(findscu)} ms`);
});
