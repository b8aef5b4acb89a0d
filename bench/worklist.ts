import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorklist } from '../src/pacs/worklist/dimse-worklist.js';
import { startDesk } from '../test/helpers/desk-harness.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { wlItems } from '../test/pacs/worklist/worklist-fixtures.js';
import { startWlmscpfs } from '../test/pacs/worklist/worklist-servers.js';
import { ms, percentile, printTable, timed } from './stats.js';

const exec = promisify(execFile);
const rounds = 40;

/** dcmtk's query for the same item and return keys, as a `findscu -W` user would write it. */
function findscuQuery(dir: string): string {
  const dump = join(dir, 'query.dump');
  const keys = [
    '(0008,0060) CS []',
    '(0040,0001) AE []',
    '(0040,0002) DA []',
    '(0040,0003) TM []',
    '(0040,0020) CS []',
  ];
  writeFileSync(
    dump,
    [
      '(0008,0050) SH [WL0001]',
      '(0010,0010) PN []',
      '(0010,0020) LO []',
      '(0020,000d) UI []',
      '(0032,1060) LO []',
      '(0040,0100) SQ',
      '  (fffe,e000) -',
      ...keys.map((k) => `    ${k}`),
      '  (fffe,e00d) -',
      '(fffe,e0dd) -',
      '',
    ].join('\n'),
  );
  const query = join(dir, 'query.dcm');
  const r = spawnSync('/usr/bin/dump2dcm', [dump, query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dump2dcm: ${r.stderr}`);
  return query;
}

/** `/pacs worklist` through Slack beside a direct `findscu -W` C-FIND on the same wlmscpfs item, same run. */
export async function run(): Promise<void> {
  const wlm = await startWlmscpfs(wlItems);
  const dir = tempDir('bench-wl-');
  try {
    const query = findscuQuery(dir.path);
    const findscu = await timed(rounds, () =>
      exec('/usr/bin/findscu', ['-W', '-aec', wlm.aet, '127.0.0.1', String(wlm.port), query]),
    );
    const peer = { host: '127.0.0.1', port: wlm.port, calledAet: wlm.aet, callingAet: 'PACSDESK', timeoutMs: 5000 };
    const direct = await timed(rounds, () => findWorklist(peer, { by: 'accession', accession: 'WL0001' }));

    const site = { id: 'main', kind: 'dicomweb', dicomwebUrl: 'http://127.0.0.1:9/dicom-web' };
    const file = join(dir.path, 'pacs.json');
    writeFileSync(
      file,
      JSON.stringify({ sites: [{ ...site, worklist: { aet: wlm.aet, host: '127.0.0.1', port: wlm.port } }] }),
    );
    const desk = await startDesk({ PACS_CONFIG: file, LOG_LEVEL: 'silent' });
    const lastTs = async () =>
      (await desk.api<{ ts: string }[]>('/api/test/messages?channel=radiology-help')).at(-1)?.ts;
    const slack = await timed(rounds, async () => {
      const after = await lastTs();
      await desk.api('/api/test/post', { user: 'associate', channel: 'radiology-help', text: '/pacs worklist WL0001' });
      await desk.ws.waitForMessage({
        channel: 'radiology-help',
        ephemeralFor: 'U0ASSOC01',
        textIncludes: 'Worklist lookup result',
        after,
      });
    });
    await desk.stop();

    const p50 = (xs: number[]) => percentile(xs, 50);
    const row = (label: string, xs: number[]): [string, ...string[]] => [
      label,
      ms(p50(xs)),
      ms(percentile(xs, 99)),
      (p50(xs) / p50(findscu)).toFixed(2),
    ];
    printTable(
      `Modality worklist — ${rounds} lookups of one accession on a real wlmscpfs (loopback)`,
      ['p50', 'p99', 'vs findscu -W (p50)'],
      [
        row('findscu -W C-FIND, a process per query (baseline)', findscu),
        row('findWorklist C-FIND (dcmjs-dimse, fresh association)', direct),
        row('/pacs worklist through Slack (workspace → bot → audit → reply)', slack),
      ],
    );
  } finally {
    await wlm.stop();
    dir.remove();
  }
}
