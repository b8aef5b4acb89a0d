import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditLogTable } from '../../../src/db/schema.js';
import { CheckId } from '../../../src/pacs/checks/check-types.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { storescpAlias, writeOrthancSiteConfig } from '../../helpers/pacs-site-config.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { ids, type MessageOut, messages, submitTicket } from '../tickets/ticket-helpers.js';
import { errorBodyPhi, type PacsProxy, signedPacsCommand, startPacsProxy, startResponseCapture } from './pacs-proxy.js';

/**
 * The PACS checks' security and audit properties (checklist U, P, B, R1, R5, A1, A4), each driven the way a
 * person drives it: a signed `/pacs …` through the real bot and local Slack workspace, against a real Orthanc
 * behind a counting, fault-injecting loopback proxy. The audit trail is read from the bot's own database.
 */

const cfg = tempDir('pacs-audit-cfg-');
let orthanc: TestOrthanc;
let proxy: PacsProxy;
let h: DeskHarness;
const cap = 3;
const s1Uid = '2.25.131677350239993287464666010686738072002';
const s3Uid = '2.25.146449080674994353765308088823690582883';
/** Patient data of the seeded studies that must never reach Slack or a log line. */
const phi = ['TEST^ALICE', 'ALICE', 'SYN-PAT-001', 'SYN0001', s1Uid, 'REFERRER'];

beforeAll(async () => {
  orthanc = await startOrthanc({ jobs: true });
  // P8: more studies for one patient than the configured cap.
  for (let i = 1; i <= cap + 1; i++) {
    await orthanc.api('/tools/create-dicom', {
      body: {
        Tags: {
          PatientID: 'SYN-PAT-009',
          PatientName: 'TEST^MANY',
          AccessionNumber: `SYNM00${i}`,
          StudyDate: `2024030${i}`,
          Modality: 'OT',
        },
      },
    });
  }
  proxy = await startPacsProxy(orthanc.restUrl);
  const file = writeOrthancSiteConfig(cfg.path, orthanc, {
    restUrl: proxy.url,
    dicomwebUrl: `${proxy.url}/dicom-web`,
    aliases: [storescpAlias, { alias: 'offline', via: 'pacs', pacsName: 'offline' }],
  });
  h = await startDesk(
    {
      PACS_CONFIG: file,
      PACS_ALLOW_WRITES: 'true',
      PACS_TIMEOUT_MS: '1500',
      PACS_MAX_MATCHES: String(cap),
    },
    {},
    { pacsRetries: 0 }, // retries off: a hanging or failing PACS is reported after one PACS_TIMEOUT_MS
  );
}, 90_000);
afterAll(async () => {
  vi.useRealTimers();
  await h?.stop();
  await proxy?.stop();
  await orthanc?.stop();
  cfg.remove();
});

/** A row of the bot's audit_log table as the test reads it straight from SQLite. */
type AuditRow = AuditLogTable;

const dbPath = () => join(h.dataDir, 'pacs-desk.sqlite');

/** Audit records written after record `after`, straight from the bot's database. */
function auditAfter(after: number): AuditRow[] {
  const db = new Database(dbPath(), { readonly: true });
  try {
    return db.prepare('select * from audit_log where id > ? order by id').all(after) as AuditRow[];
  } finally {
    db.close();
  }
}
const lastAuditId = () => auditAfter(0).at(-1)?.id ?? 0;

/** Makes the audit store refuse inserts matching `when` (a SQL condition on NEW), as a full or locked disk would. */
function breakAuditStore(when: string): () => void {
  const db = new Database(dbPath());
  db.pragma('busy_timeout = 5000');
  db.exec(
    `create trigger test_audit_unwritable before insert on audit_log when ${when} begin select raise(abort, 'disk I/O error (test)'); end`,
  );
  db.close();
  return () => {
    const fix = new Database(dbPath());
    fix.pragma('busy_timeout = 5000');
    fix.exec('drop trigger if exists test_audit_unwritable');
    fix.close();
  };
}

type Persona = 'clinician' | 'associate' | 'admin';

/** Runs a slash command as `user` in #radiology-help and returns the reply only they can see. */
async function slash(user: Persona, text: string, timeout = 10_000): Promise<MessageOut> {
  const userId = ids[user];
  const before = (await messages(h, ids.help)).at(-1)?.ts;
  await h.api('/api/test/post', { user, channel: 'radiology-help', text });
  return waitUntil(
    async () => {
      const reply = (await messages(h, ids.help)).find((m) => m.ephemeral_for === userId && (!before || m.ts > before));
      if (!reply) throw new Error(`no reply to ${text}`);
      return reply;
    },
    { timeout },
  );
}

const shown = (m: { text?: string; blocks?: unknown }) => `${m.text ?? ''} ${blockText(m.blocks)}`;

/** Runs `text` as `user`, asserting the PACS saw no request at all while it ran. */
async function withoutPacsCall(user: Persona, text: string): Promise<MessageOut> {
  const before = proxy.count();
  const reply = await slash(user, text);
  expect(proxy.count(), `PACS calls for ${JSON.stringify(text)}`).toBe(before);
  return reply;
}

describe('PACS audit trail and PHI handling, through signed Slack requests against a real Orthanc', () => {
  it('U1: a lookup by accession writes exactly one 110112 (E, outcome 0, query) and one 110103 (R) for the patient', async () => {
    const mark = lastAuditId();
    const reply = await slash('associate', '/pacs study SYN0001');
    expect(blockText(reply.blocks)).toContain('Found 1 study');
    const rows = auditAfter(mark);
    expect(rows.map((r) => [r.event_id, r.action, r.outcome])).toEqual([
      ['110112', 'E', 0],
      ['110103', 'R', 0],
    ]);
    const [query, access] = rows as [AuditRow, AuditRow];
    for (const r of rows) {
      expect(r).toMatchObject({
        actor_user_id: ids.associate,
        actor_team_id: 'T0PACSDESK',
        source: 'slack',
        site: 'main',
        command: CheckId.Study,
        correlation_id: query.correlation_id,
      });
      expect(r.recorded_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(JSON.parse(query.query ?? '{}')).toMatchObject({ by: 'accession', id: 'SYN0001' });
    expect(access.patient_id).toBe('SYN-PAT-001');
    expect(JSON.parse(access.study_uids)).toEqual([s1Uid]);
  });

  it('U1: an MRN lookup with two studies of one patient writes one 110103 naming both studies', async () => {
    const mark = lastAuditId();
    const reply = await slash('associate', '/pacs study mrn:SYN-PAT-001');
    expect(blockText(reply.blocks)).toContain('Found 2 studies');
    const accessed = auditAfter(mark).filter((r) => r.event_id === '110103');
    expect(accessed).toHaveLength(1);
    expect(accessed[0]?.patient_id).toBe('SYN-PAT-001');
    expect(JSON.parse(accessed[0]?.study_uids ?? '[]').sort()).toEqual([s1Uid, s3Uid].sort());
  });

  it('U1: the 110103 record is written before the reply: when it cannot be written, nothing is shown', async () => {
    const fix = breakAuditStore(`NEW.event_id = '110103'`);
    try {
      const mark = lastAuditId();
      const reply = await slash('associate', '/pacs study SYN0001');
      expect(reply.text).toMatch(/temporarily unavailable/i);
      expect(shown(reply)).not.toContain('Found');
      for (const p of phi) expect(shown(reply)).not.toContain(p);
      expect(auditAfter(mark).map((r) => r.event_id)).toEqual(['110112']);
    } finally {
      fix();
    }
  });

  it("U1 P3: a ticket's automatic study check is audited for the requester with the bot as agent; a clinician's ticket gets only a summary", async () => {
    const open = async (user: Persona, summary: string) => {
      const mark = lastAuditId();
      await h.api('/api/test/shortcut', { user, callback_id: 'pacs_new_ticket' });
      const view = await h.ws.waitForView({ user: ids[user], callback_id: 'ticket_new' });
      await submitTicket(h, user, view.id, {
        summary,
        category: 'missing_study',
        urgency: 'urgent',
        accession: 'SYN0001',
      });
      const note = await waitUntil(async () => {
        const card = (await messages(h, ids.triage)).find((m) => m.bot_id && blockText(m.blocks).includes(summary));
        if (!card) throw new Error('no card');
        const found = (await messages(h, ids.triage, card.ts)).find((m) => m.text.includes('Automatic checks'));
        if (!found) throw new Error('no checks yet');
        return found;
      });
      return { note: note.text, rows: auditAfter(mark).filter((r) => r.command === CheckId.Study) };
    };
    const clinician = await open('clinician', 'Clinician head CT not showing');
    expect(clinician.note).toMatch(/Study check: 1 study found at \*main\* · CT, OT · (complete|still arriving)\./);
    expect(clinician.note).not.toMatch(/2024|series|images/);
    expect(clinician.rows.map((r) => [r.event_id, r.outcome, r.actor_user_id])).toEqual([
      ['110112', 0, ids.clinician],
      ['110103', 0, ids.clinician],
    ]);
    for (const r of clinician.rows)
      expect(JSON.parse(r.query ?? '{}')).toMatchObject({ agent: 'pacs-desk', detail: 'summary' });
    const table = await runCliCaptured(['audit', 'export', '--since', '2000-01-01'], { dataDir: h.dataDir });
    expect(table.stdout).toContain(`${ids.clinician} via pacs-desk`);

    const associate = await open('associate', 'Associate head CT not showing');
    expect(associate.note).toMatch(/found at \*main\* · 2024-?01-?15 · CT, OT/);
    expect(associate.rows.map((r) => r.actor_user_id)).toEqual([ids.associate, ids.associate]);
    for (const r of associate.rows)
      expect(JSON.parse(r.query ?? '{}')).toMatchObject({ agent: 'pacs-desk', detail: 'full' });
    for (const p of phi) expect(`${clinician.note} ${associate.note}`).not.toContain(p);
  });

  it('P1 P4 P5: the result goes only to the requester (ephemeral), with generic notification text, no link, never unfurled', async () => {
    const capture = await startResponseCapture();
    try {
      const ack = await signedPacsCommand(h.botUrl, {
        userId: ids.associate,
        text: 'study SYN0001',
        responseUrl: capture.url,
      });
      expect(ack.status).toBe(200);
      const [reply] = await waitUntil(() => {
        if (capture.received.length === 0) throw new Error('no deferred reply yet');
        return capture.received;
      });
      expect(reply).toMatchObject({
        response_type: 'ephemeral',
        text: 'Study lookup result',
        unfurl_links: false,
        unfurl_media: false,
      });
      expect(blockText(reply?.blocks)).toContain('CT HEAD');
      expect(blockText(reply?.blocks)).not.toMatch(/https?:|<[^>]*\|/);
      for (const p of phi) expect(reply?.text).not.toContain(p);
    } finally {
      await capture.stop();
    }
    const timeline = (await messages(h, ids.help)).filter((m) => m.bot_id && !m.ephemeral_for);
    expect(timeline).toEqual([]);
  });

  it('P3: associates and admins see only minimum-necessary fields (initials, MRN tail, date, modality, status); requesters see none', async () => {
    for (const role of ['associate', 'admin'] as const) {
      const text = shown(await slash(role, '/pacs study SYN0001'));
      expect(text).toContain('T.A.');
      expect(text).toContain('•••-001');
      expect(text).toContain('ACC •••0001');
      expect(text).toMatch(/2024-?01-?15/);
      expect(text).toContain('CT, OT');
      expect(text).toMatch(/complete|still arriving/);
      for (const p of phi) expect(text).not.toContain(p);
      expect(text).not.toMatch(/birth|DOB|address|phone/i);
    }
    const clinician = shown(await withoutPacsCall('clinician', '/pacs study SYN0001'));
    expect(clinician).not.toMatch(/T\.A\.|•••|CT HEAD|2024/);
  });

  it('U2: a role denial or invalid input writes a 110113 Security Alert (outcome 4), no 110103, and makes zero PACS calls', async () => {
    const mark = lastAuditId();
    const denied = await withoutPacsCall('clinician', '/pacs study SYN0002');
    expect(denied.text).toContain('for PACS associates and admins only');
    const invalid = await withoutPacsCall('associate', '/pacs study A12*');
    expect(invalid.text).not.toContain('A12*');
    const rows = auditAfter(mark);
    expect(rows.map((r) => [r.event_id, r.outcome, r.actor_user_id])).toEqual([
      ['110113', 4, ids.clinician],
      ['110113', 4, ids.associate],
    ]);
    expect(rows[0]?.event_type_code).toBe('DCM:110132');
  });

  it('B1: no argument, whitespace, extra arguments, --help, an unknown or look-alike subcommand give usage text and call no PACS', async () => {
    for (const text of [
      '/pacs study',
      '/pacs study    ',
      '/pacs study SYN0001 main extra',
      '/pacs study --help',
      '/pacs studyy SYN0001',
      '/pacs retr 42', // a prefix of a privileged command is not that command
      '/pacs Retry 42 main extra',
      '/pacs ѕtudy SYN0001', // Cyrillic ѕ
      '/pacs ｓｔｕｄｙ SYN0001 main extra', // fullwidth: NFKC makes it `study`, the extra argument is refused
    ]) {
      const reply = await withoutPacsCall('associate', text);
      expect(shown(reply), text).toMatch(/study|help|usage|admins only/i);
      expect(shown(reply), text).not.toContain('Found');
    }
  });

  it('B2: wildcards and separators in an accession are refused before any QIDO call, audited with outcome 4', async () => {
    const bad = ['*', 'A12*', '?123', '%2A', 'A1\\A2', 'A1,A2', 'A^B=C'];
    const mark = lastAuditId();
    for (const id of bad) {
      const reply = await withoutPacsCall('associate', `/pacs study ${id}`);
      if (id.length > 1) expect(reply.text).not.toContain(id);
    }
    const rows = auditAfter(mark);
    expect(rows).toHaveLength(bad.length);
    for (const r of rows) expect([r.event_id, r.outcome]).toEqual(['110113', 4]);
  });

  it('B3: query-string injection is refused; a valid lookup sends exactly one match key, fixed includefields and limit N+1', async () => {
    for (const id of ['A123&PatientID=*', 'A123%26limit%3D1000', 'A123#x', 'A123 includefield=all']) {
      const reply = await withoutPacsCall('associate', `/pacs study ${id}`);
      expect(shown(reply)).not.toContain(id);
    }
    const from = proxy.requests.length;
    await slash('associate', '/pacs study SYN0002');
    const qido = proxy.requests.slice(from).filter((r) => r.url.startsWith('/dicom-web/studies?'));
    expect(qido).toHaveLength(1);
    const params = new URLSearchParams(qido[0]?.url.split('?')[1]);
    const keys = [...params.keys()].filter((k) => k !== 'includefield' && k !== 'limit');
    expect(keys).toEqual(['AccessionNumber']);
    expect(params.get('AccessionNumber')).toBe('SYN0002');
    expect(params.get('limit')).toBe(String(cap + 1));
    expect(params.getAll('includefield').every((f) => /^[0-9A-F]{8}$/.test(f))).toBe(true);
  });

  it('B4: an accession over 16 characters, an MRN over 64 and a 10 kB argument are refused without a PACS call or a full echo', async () => {
    const long = 'A'.repeat(10_000);
    for (const text of [`/pacs study ${'A'.repeat(17)}`, `/pacs study mrn:${'M'.repeat(65)}`, `/pacs study ${long}`]) {
      const reply = await withoutPacsCall('associate', text);
      expect(shown(reply)).not.toContain('A'.repeat(17));
      expect(shown(reply)).not.toContain('M'.repeat(65));
      expect(shown(reply).length).toBeLessThan(2000);
    }
  });

  it('B5: fullwidth digits are NFKC-normalised before the PACS sees them; zero-width, RTL, NUL, emoji and combining marks are refused', async () => {
    const from = proxy.requests.length;
    const normalised = await slash('associate', '/pacs study ＳＹＮ０００２');
    expect(blockText(normalised.blocks)).toContain('Found 1 study');
    const qido = proxy.requests.slice(from).find((r) => r.url.startsWith('/dicom-web/studies?'));
    expect(qido?.url).toContain('AccessionNumber=SYN0002&');
    for (const id of ['SYN\u200b0002', 'SYN\u202e2000', 'SYN\u00000002', 'SYN%000002', 'SYN0002🙂', 'SYN0002\u0301']) {
      const reply = await withoutPacsCall('associate', `/pacs study ${id}`);
      expect(shown(reply)).not.toContain(id);
      for (const c of ['\u200b', '\u202e', '\u0000', '\u0301', '🙂']) expect(shown(reply)).not.toContain(c);
    }
  });

  it('B9: echo accepts only configured AE aliases: hosts, ports and unknown names are refused with the valid list, no PACS call', async () => {
    for (const text of ['/pacs echo 10.0.0.1:22', '/pacs echo localhost:6379', '/pacs echo evil.example.com 104']) {
      const reply = await withoutPacsCall('associate', text);
      expect(shown(reply)).toMatch(/storescp/);
      expect(shown(reply)).not.toMatch(/10\.0\.0\.1|localhost|evil\.example/);
    }
  });

  it('B10: name and date searches are not offered: PatientName=*, SMITH*, a date range and SMITH^* are refused, no PACS call', async () => {
    for (const id of [
      'PatientName=*',
      'SMITH*',
      '19000101-20991231',
      'SMITH^*',
      'name:SMITH',
      'date:19000101-20991231',
    ]) {
      const reply = await withoutPacsCall('associate', `/pacs study ${id}`);
      expect(shown(reply)).not.toContain('Found');
    }
  });

  it('P8: more matches than PACS_MAX_MATCHES shows no list, asks for a more specific identifier, and audits the refusal', async () => {
    const mark = lastAuditId();
    const reply = await slash('associate', '/pacs study mrn:SYN-PAT-009');
    const text = shown(reply);
    expect(text).toContain(`More than ${cap} studies match`);
    expect(text).toContain('more specific identifier');
    expect(text).not.toMatch(/T\.M\.|•••|SYNM/);
    const rows = auditAfter(mark);
    expect(rows.map((r) => [r.event_id, r.outcome])).toEqual([
      ['110112', 0],
      ['110112', 4],
    ]);
    expect(rows[1]?.description).toContain(`more than ${cap} matches`);
    expect(JSON.parse(rows[1]?.query ?? '{}')).toMatchObject({ by: 'mrn', id: 'SYN-PAT-009' });
  });

  it('U7: CR/LF and a fake log line in the command text or a signed user id give one audit record each, neutralised', async () => {
    const fake = '2026-12-02T00:00:00.000Z INFO audit ok user=U0ADMIN01 role=admin';
    let mark = lastAuditId();
    await slash('associate', `/pacs study SYN0001\r\n${fake}`);
    expect(auditAfter(mark)).toHaveLength(1);
    mark = lastAuditId();
    const capture = await startResponseCapture();
    try {
      await signedPacsCommand(h.botUrl, {
        userId: `U0FORGED1\r\n${fake}`,
        text: 'study SYN0001',
        responseUrl: capture.url,
      });
      await waitUntil(() => expect(capture.received.length).toBeGreaterThan(0));
    } finally {
      await capture.stop();
    }
    const rows = auditAfter(mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.event_id).toBe('110113');
    expect(rows[0]?.actor_user_id).toBe(`U0FORGED1\\r\\n${fake}`);
    for (const value of Object.values(rows[0] ?? {})) expect(String(value)).not.toMatch(/[\r\n]/);
  });

  it('A1: a non-admin running a privileged subcommand is refused: no side effect, a 110113 (110132, outcome 4), arguments not echoed', async () => {
    const jobId = orthanc.seed.jobs.failed;
    // Orthanc stamps `Timestamp` with the time of the GET; everything else is the job's own state.
    const job = async () => {
      const { Timestamp: _now, ...state } = (await orthanc.api(`/jobs/${jobId}`)) as Record<string, unknown>;
      return state;
    };
    const before = await job();
    const mark = lastAuditId();
    const reply = await withoutPacsCall('associate', `/pacs retry ${jobId}`);
    expect(reply.text).toContain('for PACS admins only');
    expect(shown(reply)).not.toContain(jobId);
    expect(await job()).toEqual(before);
    const rows = auditAfter(mark);
    expect(rows.map((r) => [r.event_id, r.event_type_code, r.outcome])).toEqual([['110113', 'DCM:110132', 4]]);
    expect(rows[0]?.command).toBe(CheckId.JobRetry);
  });

  it('A4 U4: a retry confirm button ignores another user, runs once on a double click, and is audited as 110100 with type PD001', async () => {
    const jobId = orthanc.seed.jobs.failed;
    const ask = await slash('admin', `/pacs retry ${jobId}`);
    expect(blockText(ask.blocks)).toContain('pacs_confirm');
    const mark = lastAuditId();
    const click = (user: Persona) =>
      h.api('/api/test/click', { user, channel: ids.help, ts: ask.ts, action_id: 'pacs_confirm' });
    await click('associate');
    expect(auditAfter(mark).filter((r) => r.event_id === '110100')).toEqual([]);
    await Promise.all([click('admin'), click('admin')]);
    await waitUntil(async () => {
      const m = (await messages(h, ids.help)).find((x) => x.ts === ask.ts);
      if (!m?.text.includes('Done')) throw new Error('not replaced yet');
    });
    const actions = auditAfter(mark).filter((r) => r.event_id === '110100');
    expect(actions.map((r) => [r.event_type_code, r.outcome, r.actor_user_id])).toEqual([
      ['99PACSDESK:PD001', 0, ids.admin],
    ]);
  });

  it('A4 U4: cancelling a job is audited as 110100 type PD002; a confirmation clicked after more than 5 minutes is refused', async () => {
    const [, pending] = orthanc.seed.jobs.slow;
    const expired = await slash('admin', `/pacs cancel ${pending}`);
    expect(blockText(expired.blocks)).toContain('pacs_confirm');
    const mark = lastAuditId();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 5 * 60_000 + 1000);
      await h.api('/api/test/click', { user: 'admin', channel: ids.help, ts: expired.ts, action_id: 'pacs_confirm' });
      await waitUntil(async () => {
        const m = (await messages(h, ids.help)).find((x) => x.ts === expired.ts);
        if (!m?.text.includes('expired')) throw new Error('not replaced yet');
      });
    } finally {
      vi.useRealTimers();
    }
    expect(auditAfter(mark).filter((r) => r.event_id === '110100')).toEqual([]);
    expect(((await orthanc.api(`/jobs/${pending}`)) as { State: string }).State).not.toBe('Failure');

    const ask = await slash('admin', `/pacs cancel ${pending}`);
    await h.api('/api/test/click', { user: 'admin', channel: ids.help, ts: ask.ts, action_id: 'pacs_confirm' });
    await waitUntil(async () => {
      const m = (await messages(h, ids.help)).find((x) => x.ts === ask.ts);
      if (!m?.text.includes('Done')) throw new Error('not replaced yet');
    });
    const actions = auditAfter(mark).filter((r) => r.event_id === '110100');
    expect(actions.map((r) => [r.event_type_code, r.outcome])).toEqual([['99PACSDESK:PD002', 0]]);
  });

  it('U5: with the audit store unwritable, PHI lookups fail closed ("temporarily unavailable", no PACS call) and echo still works', async () => {
    const fix = breakAuditStore('1');
    try {
      const lookup = await withoutPacsCall('associate', '/pacs study SYN0001');
      expect(lookup.text).toMatch(/temporarily unavailable/i);
      for (const p of phi) expect(shown(lookup)).not.toContain(p);
      const echo = await slash('associate', '/pacs echo storescp');
      expect(blockText(echo.blocks)).toContain('✅');
    } finally {
      fix();
    }
    expect(blockText((await slash('associate', '/pacs study SYN0001')).blocks)).toContain('Found 1 study');
  });

  it('R1: a PACS that answers late does not delay the ack; the result arrives afterwards', async () => {
    const capture = await startResponseCapture();
    proxy.mode = 'gate';
    try {
      const ack = await signedPacsCommand(h.botUrl, {
        userId: ids.associate,
        text: 'study SYN0001',
        responseUrl: capture.url,
      });
      // The ack came back while the PACS still held the lookup: it cannot have waited for it.
      expect(ack.status).toBe(200);
      await waitUntil(() => expect(proxy.held()).toBeGreaterThan(0));
      expect(capture.received).toEqual([]);
      proxy.mode = 'pass';
      proxy.release();
      await waitUntil(() => expect(capture.received).toHaveLength(1));
      expect(blockText(capture.received[0]?.blocks)).toContain('Found 1 study');
    } finally {
      proxy.mode = 'pass';
      proxy.release();
      await capture.stop();
    }
  });

  it('U3 P7: a PACS 5xx whose body names the patient is audited with outcome 8 and a PHI-free reason; reply and logs carry no identifier', async () => {
    const mark = lastAuditId();
    proxy.mode = 'fail';
    let reply: MessageOut;
    try {
      reply = await slash('associate', '/pacs study SYN0001');
    } finally {
      proxy.mode = 'pass';
    }
    expect(reply.text).toMatch(/PACS is not answering.*\(reference [0-9a-f]{8}\)/);
    const rows = auditAfter(mark);
    expect(rows.map((r) => [r.event_id, r.outcome])).toEqual([
      ['110112', 0],
      ['110112', 8],
    ]);
    expect(rows[1]?.description).toBe(`${CheckId.Study} failed: pacs_bad_response`);
    const logs = h.logs();
    for (const p of [...errorBodyPhi, 'ALICE']) {
      expect(shown(reply)).not.toContain(p);
      expect(logs).not.toContain(p);
    }
    // Back to normal: closes the circuit again for the tests that follow.
    expect(blockText((await slash('associate', '/pacs study SYN0002')).blocks)).toContain('Found 1 study');
  });

  it('U3: a PACS that accepts and never answers is audited as a 110112 with outcome 8 (pacs_timeout), no 110103', async () => {
    const mark = lastAuditId();
    proxy.mode = 'hang';
    let reply: MessageOut;
    try {
      // One attempt (retries are off here) of PACS_TIMEOUT_MS, then the bot gives up.
      reply = await slash('associate', '/pacs study SYN0001', 25_000);
    } finally {
      proxy.mode = 'pass';
    }
    expect(reply.text).toMatch(/reference [0-9a-f]{8}/);
    const rows = auditAfter(mark);
    expect(rows.map((r) => [r.event_id, r.outcome])).toEqual([
      ['110112', 0],
      ['110112', 8],
    ]);
    expect(rows[1]?.description).toBe(`${CheckId.Study} failed: pacs_timeout`);
    expect(blockText((await slash('associate', '/pacs study SYN0002')).blocks)).toContain('Found 1 study');
  }, 30_000);

  it('U6: reading the audit log writes a 110101 record; a record edited in the database is reported by verify', async () => {
    const verified = await runCliCaptured(['audit', 'verify'], { dataDir: h.dataDir });
    expect(verified.stdout).toMatch(/^chain intact: \d+ records/);
    expect(verified.code).toBe(0);
    const exported = await runCliCaptured(['audit', 'export', '--since', '2000-01-01', '--json'], {
      dataDir: h.dataDir,
    });
    const records = JSON.parse(exported.stdout) as { eventId: string; actorUserId: string; command: string }[];
    expect(records.at(-1)).toMatchObject({ eventId: '110101', command: 'audit.export' });
    expect(records.at(-1)?.actorUserId).toMatch(/^cli:/);

    const victim = auditAfter(0).find((r) => r.event_id === '110103');
    const db = new Database(dbPath());
    db.pragma('busy_timeout = 5000');
    const guards = db
      .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`)
      .all() as {
      name: string;
    }[];
    const sqls = db
      .prepare(`select sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`)
      .all() as {
      sql: string;
    }[];
    for (const g of guards) db.exec(`drop trigger ${g.name}`);
    db.prepare(`update audit_log set patient_id = 'SYN-PAT-002' where id = ?`).run(victim?.id);
    for (const s of sqls) db.exec(s.sql);
    db.close();
    const broken = await runCliCaptured(['audit', 'verify'], { dataDir: h.dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`chain broken at record ${victim?.id}: hash_mismatch`);
    expect(auditAfter(0).at(-1)).toMatchObject({ event_id: '110101', outcome: 12, command: 'audit.verify' });
  });

  it('R5: after K consecutive PACS failures the breaker opens; the next lookup fails fast with no upstream call', async () => {
    proxy.mode = 'fail';
    try {
      const before = proxy.count();
      for (let i = 0; i < 3; i++) await slash('associate', '/pacs study SYN0001');
      // 3 lookups × 2 endpoints (QIDO, /tools/find), one attempt each (retries off): every one has landed.
      await waitUntil(() => expect(proxy.count() - before).toBe(6));
      const reply = await withoutPacsCall('associate', '/pacs study SYN0001');
      expect(reply.text).toMatch(/PACS is not answering/);
      expect(await withoutPacsCall('associate', '/pacs study SYN0002')).toBeDefined();
    } finally {
      proxy.mode = 'pass';
    }
  });
});
