import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composePacs } from '../src/compose/compose-pacs.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import { createFetch } from '../src/core/http.js';
import { Role } from '../src/core/roles.js';
import { createDatabase } from '../src/db/create-database.js';
import { defaultCheckSettings } from '../src/pacs/checks/check-settings.js';
import { sweepUnidentified } from '../src/pacs/checks/unidentified-sweep.js';
import { runCheck } from '../src/pacs/run-check.js';
import { startDesk } from '../test/helpers/desk-harness.js';
import { startOrthanc, type TestOrthanc } from '../test/helpers/orthanc-server.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { ms, percentile, printTable, timed } from './stats.js';

const rounds = 100;
/** Ten unmeasured runs first, as this bench always did (Orthanc warms its caches). */
const timedAfter10 = (n: number, fn: () => Promise<unknown>) => timed(n, fn, 10);

/** The baseline: one QIDO-RS request for the accession, straight to Orthanc, as curl would send it. */
function directQido(o: TestOrthanc) {
  const auth = `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
  const url = `${o.dicomwebUrl}/studies?AccessionNumber=SYN0001&includefield=00081030&includefield=00080061&includefield=00201206&includefield=00201208`;
  return async () => (await fetch(url, { headers: { authorization: auth, accept: 'application/dicom+json' } })).json();
}

function pacsEnv(o: TestOrthanc) {
  return {
    PACS_KIND: 'orthanc',
    PACS_URL: o.restUrl,
    PACS_USER: o.user,
    PACS_PASSWORD: o.password,
    PACS_ECHO_ALIASES: 'storescp',
  };
}

export async function run(): Promise<void> {
  const orthanc = await startOrthanc({ jobs: true });
  const dir = tempDir('bench-pacs-');
  try {
    const direct = await timedAfter10(rounds, directQido(orthanc));

    // The check as Slack and the CLI run it: validation, connector (QIDO + /tools/find), masking, two audit records.
    const config = loadConfig({ ...pacsEnv(orthanc), DATA_DIR: dir.path, KB_WATCH: 'false' });
    const database = await createDatabase({ dataDir: dir.path });
    const pacs = composePacs(config.pacs, {
      fetch: createFetch({ timeoutMs: 10_000 }),
      database,
      now: systemClock,
      retries: 0,
    });
    if (!pacs) throw new Error('PACS not configured');
    const actor = { userId: 'UBENCH' };
    const check = await timedAfter10(rounds, () =>
      runCheck(pacs, { command: 'study', text: 'SYN0001', actor, role: Role.Associate, source: 'cli' }),
    );
    await database.close();

    // End to end through Slack: the command posted in the workspace → the bot → Orthanc → the ephemeral reply.
    const desk = await startDesk({ ...pacsEnv(orthanc), LOG_LEVEL: 'silent' });
    const lastTs = async () =>
      (await desk.api<{ ts: string }[]>('/api/test/messages?channel=radiology-help')).at(-1)?.ts;
    const slack = await timedAfter10(60, async () => {
      const after = await lastTs();
      await desk.api('/api/test/post', { user: 'associate', channel: 'radiology-help', text: '/pacs study SYN0001' });
      await desk.ws.waitForMessage({
        channel: 'radiology-help',
        ephemeralFor: 'U0ASSOC01',
        textIncludes: 'Study lookup result',
        after,
      });
    });
    await desk.stop();

    // The unidentified sweep over 10,000 studies, through the real archive.
    const seedMs = await orthanc.seedMany(10_000);
    const connector = pacs.connectors[0];
    const started = performance.now();
    const records = (await connector?.findStudies({ studyDate: '20230101-20231231', limit: 10_000 })) ?? [];
    const fetched = performance.now() - started;
    const sweep = sweepUnidentified(records, defaultCheckSettings);
    const total = performance.now() - started;

    const p50 = (xs: number[]) => percentile(xs, 50);
    printTable(
      `PACS study lookup — ${rounds} lookups of one accession on a real Orthanc (loopback)`,
      ['p50', 'p99', 'vs direct QIDO (p50)'],
      [
        ['direct QIDO-RS request (baseline)', ms(p50(direct)), ms(percentile(direct, 99)), '1.00'],
        [
          'audited check (validation, QIDO + find, masking, audit)',
          ms(p50(check)),
          ms(percentile(check, 99)),
          (p50(check) / p50(direct)).toFixed(2),
        ],
        [
          '/pacs study through Slack (workspace → bot → reply)',
          ms(p50(slack)),
          ms(percentile(slack, 99)),
          (p50(slack) / p50(direct)).toFixed(2),
        ],
      ],
    );
    console.log(
      `Unidentified sweep: ${records.length} studies fetched in ${ms(fetched)}, classified in ${ms(total - fetched)} (${sweep.flaggedCount} flagged); seeding them took ${(seedMs / 1000).toFixed(1)} s.`,
    );
    writeFileSync(join(dir.path, 'done'), '');
  } finally {
    await orthanc.stop();
    dir.remove();
  }
}
