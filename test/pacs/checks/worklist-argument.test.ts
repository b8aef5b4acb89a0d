import { describe, expect, it } from 'vitest';
import { parseWorklistArgument } from '../../../src/pacs/checks/worklist-argument.js';

const options = { siteIds: ['main', 'east'], today: '2026-12-01' };
const parse = (text: string) => parseWorklistArgument(text, options);

describe('/pacs worklist arguments', () => {
  it.each([
    ['WL0001', { by: 'accession', id: 'WL0001' }],
    ['acc:WL0001 east', { by: 'accession', id: 'WL0001', site: 'east' }],
    ['WL0001 at:mr1', { by: 'accession', id: 'WL0001', at: 'MR1' }],
    ['WL0001 east at:CT3', { by: 'accession', id: 'WL0001', at: 'CT3', site: 'east' }],
    ['MRN:SYN-PAT-101', { by: 'mrn', id: 'SYN-PAT-101' }],
    ['station ct3', { by: 'station', station: 'CT3', date: '2026-12-01' }],
    ['station CT3 2026-12-02 east', { by: 'station', station: 'CT3', date: '2026-12-02', site: 'east' }],
    ['Station CT3 main', { by: 'station', station: 'CT3', date: '2026-12-01', site: 'main' }],
  ])('parses %j', (text, value) => {
    expect(parse(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['WL*', 'wildcard'],
    ['WL000?', 'wildcard'],
    ['mrn:*', 'wildcard'],
    ['WL0001&PatientID=*', undefined],
    ['WL0001 at:CT*', 'wildcard'],
    ['station CT*', 'wildcard'],
    ['station CT?3', 'wildcard'],
    ['station CT3 2026-02-30', 'pattern'],
    ['station CT3\\MR1', 'pattern'],
  ])('refuses %j with a message that does not repeat it', (text, problem) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    if (problem) expect(result.problem).toBe(problem);
    expect(result.message).not.toContain(text);
    expect(result.message.length).toBeGreaterThan(10);
  });

  it('asks for usage, a station, a known site, and one of each', () => {
    expect(parse('')).toMatchObject({ ok: false, reason: 'usage' });
    expect(parse('help')).toMatchObject({ ok: false, reason: 'usage' });
    expect(parse('station')).toMatchObject({ ok: false, message: expect.stringContaining('station AE title') });
    expect(parse('WL0001 west')).toMatchObject({ ok: false, reason: 'unknown_site' });
    expect(parse('WL0001 main east')).toMatchObject({ ok: false, reason: 'usage' });
    expect(parse('station CT3 2026-12-01 main east')).toMatchObject({ ok: false, reason: 'usage' });
  });
});
