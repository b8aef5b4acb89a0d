import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { writeOrthancSiteConfig } from '../../helpers/pacs-site-config.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { ids, messages } from '../tickets/ticket-helpers.js';

/** Wiring in the composition root: bot start/stop reach the audit trail, an unwritable trail reaches OPS_CHANNEL. */

const cfg = tempDir('app-activity-');
let orthanc: TestOrthanc;
let h: DeskHarness;

interface Row {
  event_id: string;
  event_type_code: string | null;
  outcome: number;
  command: string | null;
}
const rows = (dataDir: string): Row[] => {
  const db = new Database(join(dataDir, 'pacs-desk.sqlite'), { readonly: true });
  try {
    return db.prepare('select event_id, event_type_code, outcome, command from audit_log order by id').all() as Row[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  orthanc = await startOrthanc();
  const file = writeOrthancSiteConfig(cfg.path, orthanc, { dicomwebUrl: `${orthanc.restUrl}/dicom-web` });
  h = await startDesk({ PACS_CONFIG: file, OPS_CHANNEL: ids.triage, MONITOR_INTERVAL_SECONDS: '10' });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await orthanc?.stop();
  cfg.remove();
});

describe('application activity and audit health', () => {
  it('U4: a start is audited as 110100 / 110120 before the bot is ready', () => {
    expect(rows(h.dataDir)).toContainEqual({
      event_id: '110100',
      event_type_code: 'DCM:110120',
      outcome: 0,
      command: 'app.start',
    });
  });

  it('U5: when the audit trail cannot be written, lookups fail closed and OPS_CHANNEL hears of it without error text or identifiers', async () => {
    const path = join(h.dataDir, 'pacs-desk.sqlite');
    const db = new Database(path);
    db.pragma('busy_timeout = 5000');
    db.exec(
      "create trigger test_unwritable before insert on audit_log begin select raise(abort, 'disk I/O error (test)'); end",
    );
    try {
      await h.api('/api/test/post', { user: 'associate', channel: 'radiology-help', text: '/pacs study SYN0001' });
      const refusal = await waitUntil(async () => {
        const found = (await messages(h, ids.help)).find((m) => m.ephemeral_for === ids.associate);
        if (!found) throw new Error('no reply yet');
        return found;
      });
      expect(refusal.text).toMatch(/temporarily unavailable/i);
      const alert = await waitUntil(
        async () => {
          const found = (await messages(h, ids.triage)).find((m) => /audit/i.test(m.text));
          if (!found) throw new Error('no audit alert yet');
          return found;
        },
        { timeout: 25_000, interval: 100 },
      );
      expect(alert.text).not.toMatch(/disk I\/O error|SYN0001/);
    } finally {
      db.exec('drop trigger if exists test_unwritable');
      db.close();
    }
  }, 40_000);

  it('U4: a stop is audited as 110100 / 110121', async () => {
    const dataDir = h.dataDir;
    await h.desk.stop();
    expect(rows(dataDir).at(-1)).toEqual({
      event_id: '110100',
      event_type_code: 'DCM:110121',
      outcome: 0,
      command: 'app.stop',
    });
  });
});
