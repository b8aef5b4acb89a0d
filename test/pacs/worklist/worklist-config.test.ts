import { describe, expect, it } from 'vitest';
import { ConfigError, readEnvironment } from '../../../src/config.js';
import { createFetch } from '../../../src/core/http.js';
import { readPacsConfig } from '../../../src/pacs/pacs-config.js';
import { createWorklistSource } from '../../../src/pacs/worklist/worklist-source.js';

function read(env: NodeJS.ProcessEnv, file?: unknown) {
  const parsed = readEnvironment(env);
  if (!parsed.success) throw new ConfigError(parsed.problems);
  const problems: string[] = [];
  const config = readPacsConfig(parsed.data, problems, {
    secret: () => undefined,
    readFile: () => JSON.stringify(file),
  });
  return { config, problems };
}

const archive = { PACS_KIND: 'orthanc', PACS_URL: 'http://127.0.0.1:8042' };

describe('worklist configuration', () => {
  it('reads PACS_WORKLIST as the single site’s worklist SCP, calling as PACS_CALLING_AET; 5000 ms by default', () => {
    const { config, problems } = read({
      ...archive,
      PACS_WORKLIST: 'RISWL@ris.example.org:104',
      PACS_CALLING_AET: 'PACSBOT',
    });
    expect(problems).toEqual([]);
    expect(config.sites[0]?.worklist).toEqual({
      aet: 'RISWL',
      host: 'ris.example.org',
      port: 104,
      callingAet: 'PACSBOT',
    });
    expect(config.settings.worklistTimeoutMs).toBe(5000);
    expect(read({ ...archive, PACS_WORKLIST_TIMEOUT_MS: '1500' }).config.settings.worklistTimeoutMs).toBe(1500);
  });

  it('reads a site’s worklist: { aet, host, port } from PACS_CONFIG, and says how to fix a bad one', () => {
    const site = { id: 'main', kind: 'orthanc', restUrl: 'http://127.0.0.1:8042' };
    const ok = read(
      { PACS_CONFIG: '/p.json' },
      { sites: [{ ...site, worklist: { aet: 'WLM', host: '10.0.0.9', port: 4242 } }] },
    );
    expect(ok.config.sites[0]?.worklist).toEqual({ aet: 'WLM', host: '10.0.0.9', port: 4242, callingAet: 'PACSDESK' });
    const bad = read({ PACS_CONFIG: '/p.json' }, { sites: [{ ...site, worklist: { aet: 'WLM', port: 0 } }] });
    expect(bad.problems).toEqual([
      expect.stringMatching(/^PACS_CONFIG: sites\[0\]\.worklist\.host .* — fix: use the host name or IP address/),
      expect.stringMatching(/^PACS_CONFIG: sites\[0\]\.worklist\.port .* — fix: use the DICOM port, 1–65535/),
    ]);
  });

  it('refuses a malformed PACS_WORKLIST or timeout in the one parse, each with its fix', () => {
    for (const value of ['RISWL', 'RIS*WL@host', 'RISWL@host:port', '@host:104', 'A\\B@host:104']) {
      const parsed = readEnvironment({ ...archive, PACS_WORKLIST: value });
      expect(parsed.success ? [] : parsed.problems).toEqual([
        expect.stringMatching(/^PACS_WORKLIST: is not AET@host:port — fix: .*e\.g\. RISWL@ris\.example:104/),
      ]);
    }
    const timeout = readEnvironment({ PACS_WORKLIST_TIMEOUT_MS: '10' });
    expect(timeout.success ? [] : timeout.problems).toEqual([
      expect.stringMatching(/^PACS_WORKLIST_TIMEOUT_MS: .* — fix: use milliseconds between 100 and 300000/),
    ]);
    expect(read({ ...archive, PACS_WORKLIST: 'RISWL@ris:99999' }).problems).toEqual([
      expect.stringMatching(/^PACS_WORKLIST: .* — fix: use the DICOM port/),
    ]);
  });

  it('says PACS_WORKLIST belongs to the single-archive form', () => {
    expect(
      read(
        { PACS_CONFIG: '/p.json', PACS_WORKLIST: 'WLM@h:104' },
        { sites: [{ id: 'a', kind: 'dicomweb', dicomwebUrl: 'https://x' }] },
      ).problems,
    ).toEqual([expect.stringMatching(/^PACS_WORKLIST: set together with PACS_CONFIG — fix: give the site worklist:/)]);
    expect(read({ PACS_WORKLIST: 'WLM@h:104' }).problems).toEqual([
      expect.stringMatching(/^PACS_WORKLIST: set without an archive — fix: set PACS_KIND and PACS_URL/),
    ]);
  });

  it('picks the provider: the worklist SCP, else a dcm4chee site’s /mwlitems, else none', () => {
    const deps = { fetch: createFetch({ timeoutMs: 1000 }) };
    const base = { id: 'main', name: 'main', aliases: [] };
    const wl = { aet: 'WLM', host: '127.0.0.1', port: 104, callingAet: 'PACSDESK' };
    expect(
      createWorklistSource({ ...base, kind: 'orthanc', restUrl: 'http://x', worklist: wl }, deps, 1000),
    ).toBeDefined();
    expect(
      createWorklistSource({ ...base, kind: 'dcm4chee', restUrl: 'https://arc/dcm4chee-arc' }, deps, 1000),
    ).toBeDefined();
    expect(createWorklistSource({ ...base, kind: 'orthanc', restUrl: 'http://x' }, deps, 1000)).toBeUndefined();
  });
});
