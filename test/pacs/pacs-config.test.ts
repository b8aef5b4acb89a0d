import { describe, expect, it } from 'vitest';
import { ConfigError, readEnvironment } from '../../src/config.js';
import { readPacsConfig } from '../../src/pacs/pacs-config.js';

/** As loadConfig does: the one parse of the environment (it must pass here), then the sites. */
function read(env: NodeJS.ProcessEnv, files: Record<string, string> = {}) {
  const parsed = readEnvironment(env);
  if (!parsed.success) throw new ConfigError(parsed.problems);
  const problems: string[] = [];
  const config = readPacsConfig(parsed.data, problems, {
    secret: (name) => env[name],
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return text;
    },
  });
  return { config, problems };
}

const yamlSites = `
sites:
  - id: main
    name: Main Orthanc
    kind: orthanc
    restUrl: http://127.0.0.1:8042/
    auth: { user: pacsdesk, passwordEnv: ORTHANC_MAIN_PASSWORD }
    aliases:
      - { alias: ct3, pacsName: ct3-modality, description: CT scanner 3 }
      - { alias: mr1, via: direct, host: 10.1.2.3, port: 104, aet: MR1 }
  - id: arc
    kind: dcm4chee
    restUrl: https://arc.hospital.test:8443/dcm4chee-arc
    auth: { bearerTokenEnv: ARC_TOKEN }
  - id: legacy
    kind: dicomweb
    dimse: { host: 10.1.2.9, port: 11112, calledAet: LEGACY }
`;

describe('readPacsConfig', () => {
  it('has no sites and safe defaults when nothing is configured', () => {
    const { config, problems } = read({});
    expect(problems).toEqual([]);
    expect(config.sites).toEqual([]);
    expect(config.settings).toMatchObject({
      allowWrites: false,
      timeoutMs: 10_000,
      echoTimeoutMs: 5000,
      callingAet: 'PACSDESK',
      maxMatches: 5,
    });
    expect(read({ PACS_MAX_MATCHES: '3' }).config.settings.maxMatches).toBe(3);
    expect(config.settings.accessionPattern.test('ACC-123')).toBe(true);
    expect(config.settings.accessionPattern.test('ACC 123')).toBe(false);
    expect(config.settings.placeholderPatientIds).toEqual(expect.arrayContaining(['UNKNOWN', '0', 'NOID', 'UNK']));
    expect(config.settings.placeholderNamePattern.test('unknown^unknown')).toBe(true);
    expect(config.settings.placeholderNamePattern.test('TEST^ALICE')).toBe(false);
  });

  it('builds one Orthanc site from the env form, with the DICOMweb URL defaulted', () => {
    const { config, problems } = read({
      PACS_KIND: 'orthanc',
      PACS_URL: 'http://127.0.0.1:8042',
      PACS_USER: 'pacsdesk',
      PACS_PASSWORD: 's3cret',
      PACS_ECHO_ALIASES: 'ct3=CT3_MODALITY, us1',
      PACS_ALLOW_WRITES: 'true',
    });
    expect(problems).toEqual([]);
    expect(config.settings.allowWrites).toBe(true);
    expect(config.sites).toEqual([
      {
        id: 'main',
        name: 'main',
        kind: 'orthanc',
        restUrl: 'http://127.0.0.1:8042',
        dicomwebUrl: 'http://127.0.0.1:8042/dicom-web',
        auth: { user: 'pacsdesk', password: 's3cret' },
        dimse: undefined,
        aliases: [
          { alias: 'ct3', via: 'pacs', pacsName: 'CT3_MODALITY' },
          { alias: 'us1', via: 'pacs', pacsName: 'us1' },
        ],
      },
    ]);
  });

  it('reads several sites from a YAML file, resolving secrets from named variables', () => {
    const { config, problems } = read(
      { PACS_CONFIG: '/etc/pacs.yaml', ORTHANC_MAIN_PASSWORD: 'pw', ARC_TOKEN: 'tok' },
      { '/etc/pacs.yaml': yamlSites },
    );
    expect(problems).toEqual([]);
    expect(config.sites.map((s) => [s.id, s.kind, s.dicomwebUrl])).toEqual([
      ['main', 'orthanc', 'http://127.0.0.1:8042/dicom-web'],
      ['arc', 'dcm4chee', 'https://arc.hospital.test:8443/dcm4chee-arc/aets/DCM4CHEE/rs'],
      ['legacy', 'dicomweb', undefined],
    ]);
    expect(config.sites[0]?.auth).toEqual({ user: 'pacsdesk', password: 'pw' });
    expect(config.sites[1]?.auth).toEqual({ bearerToken: 'tok' });
    expect(config.sites[2]?.dimse).toEqual({
      host: '10.1.2.9',
      port: 11112,
      calledAet: 'LEGACY',
      callingAet: 'PACSDESK',
    });
    expect(config.sites[0]?.aliases[1]).toMatchObject({ via: 'direct', host: '10.1.2.3', port: 104, aet: 'MR1' });
  });

  it('reads JSON files too', () => {
    const json = JSON.stringify({ sites: [{ id: 'vna', kind: 'dicomweb', dicomwebUrl: 'https://vna.test/qido' }] });
    const { config, problems } = read({ PACS_CONFIG: '/etc/pacs.json' }, { '/etc/pacs.json': json });
    expect(problems).toEqual([]);
    expect(config.sites[0]).toMatchObject({ id: 'vna', dicomwebUrl: 'https://vna.test/qido', aliases: [] });
  });

  it('lists every file problem with its path and a fix', () => {
    const bad = `
sites:
  - id: Main
    kind: orthanc
    restUrl: not-a-url
    aliases:
      - { alias: ct3, via: direct, host: 10.0.0.1 }
      - { alias: us1, host: 10.0.0.2, port: 104 }
  - id: x
    kind: pacs-o-matic
`;
    const { config, problems } = read({ PACS_CONFIG: '/p.yaml' }, { '/p.yaml': bad });
    expect(config.sites).toEqual([]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PACS_CONFIG: sites\[0\]\.id must be lower-case .* — fix: /),
        expect.stringMatching(
          /^PACS_CONFIG: sites\[0\]\.restUrl is not an http\(s\) URL — fix: use the archive base URL/,
        ),
        expect.stringMatching(/^PACS_CONFIG: sites\[0\]\.aliases\[0\] a direct alias needs host, port and aet/),
        expect.stringMatching(/^PACS_CONFIG: sites\[0\]\.aliases\[1\] a pacs alias takes pacsName/),
        expect.stringMatching(/^PACS_CONFIG: sites\[1\]\.kind .* — fix: use orthanc, dcm4chee or dicomweb/),
      ]),
    );
  });

  it('rejects duplicate ids and aliases, missing URLs and secrets, credentials in URLs', () => {
    const dup = `
sites:
  - { id: main, kind: orthanc, restUrl: 'http://127.0.0.1:8042', aliases: [{ alias: ct3 }] }
  - { id: main, kind: dcm4chee, aliases: [{ alias: ct3 }] }
  - { id: other, kind: orthanc, restUrl: 'http://u:p@127.0.0.1:8042', auth: { user: a, passwordEnv: NOPE } }
`;
    const { problems } = read({ PACS_CONFIG: '/d.yaml' }, { '/d.yaml': dup });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/sites\[2\]\.restUrl must not carry credentials/)]),
    );
    const ok = dup.replace('http://u:p@', 'http://');
    const second = read({ PACS_CONFIG: '/d.yaml' }, { '/d.yaml': ok }).problems;
    expect(second).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/sites\[1\]\.restUrl: required for kind dcm4chee/),
        expect.stringMatching(/sites\[2\]\.auth\.passwordEnv: NOPE is not set/),
      ]),
    );
    const twice = read(
      { PACS_CONFIG: '/t.yaml' },
      {
        '/t.yaml': `sites:
  - { id: a, kind: dicomweb, dicomwebUrl: 'https://a.test/rs', aliases: [{ alias: ct3 }] }
  - { id: a, kind: dicomweb, dicomwebUrl: 'https://b.test/rs', aliases: [{ alias: ct3 }] }`,
      },
    ).problems;
    expect(twice).toEqual([
      'PACS_CONFIG: site id "a" is used twice — fix: give each site its own id',
      expect.stringMatching(/alias "ct3" is used by sites a and a/),
    ]);
  });

  it('reports env-form problems under the variable to fix, without echoing the password', () => {
    const { problems } = read({
      PACS_KIND: 'orthanc',
      PACS_URL: 'ftp://pacs',
      PACS_PASSWORD: 'hunter2',
      PACS_USER: 'u',
    });
    expect(problems).toEqual([expect.stringMatching(/^PACS_URL: is not an http\(s\) URL — fix: /)]);
    expect(problems.join(' ')).not.toContain('hunter2');
    expect(read({ PACS_KIND: 'cloud', PACS_URL: 'http://x' }).problems[0]).toMatch(/^PACS_KIND: .* fix: use orthanc/);
  });

  it('checks settings in the one parse of the environment: regexes, timeouts, write flag, cap, AE title', () => {
    const parsed = readEnvironment({
      PACS_ACCESSION_PATTERN: '([',
      PACS_TIMEOUT_MS: 'soon',
      PACS_ALLOW_WRITES: 'maybe',
      PACS_MAX_MATCHES: '0',
      PACS_CALLING_AET: 'BAD\\AET',
      PACS_CONFIG: '/missing.yaml',
      PACS_URL: 'http://127.0.0.1:8042',
    });
    expect(parsed.success ? [] : parsed.problems).toEqual([
      expect.stringMatching(/^PACS_ACCESSION_PATTERN: not a valid regular expression — fix: use a JavaScript regex/),
      expect.stringMatching(/^PACS_TIMEOUT_MS: "soon" is not a timeout — fix: use milliseconds between 100 and 300000/),
      expect.stringMatching(
        /^PACS_ALLOW_WRITES: .* — fix: use true \(allow resubmit\/cancel after confirmation\) or false/,
      ),
      expect.stringMatching(/^PACS_MAX_MATCHES: "0" is not a cap — fix: use a whole number from 1 to 50/),
      expect.stringMatching(/^PACS_CALLING_AET: not an AE title — fix: use 1–16 characters without a backslash/),
    ]);
    expect(read({ PACS_ALLOW_WRITES: ' Yes ', PACS_CALLING_AET: ' PACSBOT ' }).config.settings).toMatchObject({
      allowWrites: true,
      callingAet: 'PACSBOT',
    });
  });

  it('then checks the sources: both forms at once, unreadable file', () => {
    const { problems } = read({ PACS_CONFIG: '/missing.yaml', PACS_URL: 'http://127.0.0.1:8042' });
    expect(problems).toEqual([
      expect.stringMatching(/^PACS_URL: set together with PACS_CONFIG/),
      expect.stringMatching(/^PACS_CONFIG: cannot read \/missing\.yaml .* — fix:/),
    ]);
  });
});
