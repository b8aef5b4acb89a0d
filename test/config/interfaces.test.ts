import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { problemsOf } from './problems-of.js';

const mirth = {
  INTERFACE_ENGINE: 'mirth',
  MIRTH_URL: 'https://mirth.hospital.test:8443',
  MIRTH_USER: 'pacsdesk',
  MIRTH_PASSWORD: 's3cret',
};

describe('interface engine settings', () => {
  it('defaults to no engine, with the channel rules’ default thresholds', () => {
    expect(loadConfig({}).interfaces).toEqual({
      engine: 'none',
      thresholds: { erroredGrowth: 5, errorWindowMinutes: 60, silentMinutes: 30, forgetGoneMinutes: 1440 },
    });
  });

  it('reads Mirth’s URL, account and the thresholds', () => {
    const config = loadConfig({
      ...mirth,
      INTERFACE_ENGINE: 'Mirth',
      INTERFACE_ERROR_THRESHOLD: '10',
      INTERFACE_ERROR_WINDOW_MINUTES: '15',
      INTERFACE_SILENT_MINUTES: '45',
    });
    expect(config.interfaces).toEqual({
      engine: 'mirth',
      mirth: { url: 'https://mirth.hospital.test:8443', user: 'pacsdesk', password: 's3cret' },
      thresholds: { erroredGrowth: 10, errorWindowMinutes: 15, silentMinutes: 45, forgetGoneMinutes: 1440 },
    });
    expect(config.plainHttp).toEqual([]);
  });

  it('names each Mirth variable missing with INTERFACE_ENGINE=mirth, with what to set it to', () => {
    const problems = problemsOf({ INTERFACE_ENGINE: 'mirth' });
    expect(problems).toEqual([
      expect.stringMatching(/^MIRTH_URL: required with INTERFACE_ENGINE=mirth — fix: set it to .*https:\/\//),
      expect.stringMatching(/^MIRTH_USER: required with INTERFACE_ENGINE=mirth — fix: .*dashboard/),
      expect.stringMatching(/^MIRTH_PASSWORD: required with INTERFACE_ENGINE=mirth — fix: /),
    ]);
  });

  it('refuses an unknown engine, a URL that is not http(s) and thresholds out of range, each with its fix', () => {
    expect(problemsOf({ INTERFACE_ENGINE: 'rhapsody' })).toEqual([
      expect.stringMatching(/^INTERFACE_ENGINE: "rhapsody" is not an interface engine — fix: use one of none, mirth$/),
    ]);
    expect(problemsOf({ ...mirth, MIRTH_URL: 'mirth.local:8443' })).toEqual([
      expect.stringMatching(/^MIRTH_URL: not an http\(s\) URL — fix: set it to /),
    ]);
    const ranges = problemsOf({ INTERFACE_ERROR_THRESHOLD: '0', INTERFACE_SILENT_MINUTES: 'soon' }).join('\n');
    expect(ranges).toMatch(/INTERFACE_ERROR_THRESHOLD: .* — fix: use a whole number of new errors/);
    expect(ranges).toMatch(/INTERFACE_SILENT_MINUTES: .* — fix: use whole minutes/);
  });

  it('refuses MIRTH_URL over plain http to another host unless ALLOW_PLAINTEXT_HTTP, and allows loopback', () => {
    const plain = { ...mirth, MIRTH_URL: 'http://mirth.hospital.test:8080' };
    expect(problemsOf(plain)).toEqual([expect.stringMatching(/^MIRTH_URL: http:\/\/ would send data unencrypted/)]);
    expect(loadConfig({ ...plain, ALLOW_PLAINTEXT_HTTP: 'true' }).plainHttp).toEqual(['MIRTH_URL']);
    expect(problemsOf({ ...mirth, MIRTH_URL: 'http://127.0.0.1:8080' })).toEqual([]);
  });

  it('ignores Mirth variables while no engine is chosen', () => {
    expect(problemsOf({ MIRTH_URL: 'http://mirth.hospital.test:8080' })).toEqual([]);
  });
});
