import { afterEach, describe, expect, it, vi } from 'vitest';
import { Role } from '../../../src/core/roles.js';
import { describeFetch, planFetch } from '../../../src/pacs/checks/fetch-plan.js';
import { fetchPrior, parseFetchArgument } from '../../../src/pacs/checks/fetch-prior.js';
import { findPriors, parsePriorsArgument } from '../../../src/pacs/checks/priors.js';
import type { StudyRecord } from '../../../src/pacs/types.js';
import { renderFetch, renderPriors } from '../../../src/slack/blocks/pacs/priors-blocks.js';
import { type FakeConnector, fakeConnector, fakeContext, siteConfig, study } from '../checks/fakes.js';

const uid = '1.2.826.0.1.3680043.8.498.5';
const prior = (site: string, overrides: Partial<StudyRecord> = {}) =>
  study({
    site,
    studyInstanceUid: uid,
    studyDate: '2019-03-04',
    modalities: ['CT'],
    series: 2,
    instances: 4,
    ...overrides,
  });

/** main (AE MAINPACS) and an archive that can send; `arrives` makes the archive's send put the study on main. */
function sites(
  options: { onArchive?: StudyRecord[]; onMain?: StudyRecord[]; mainAet?: string; canSend?: boolean } = {},
) {
  const main = fakeConnector(
    { ...siteConfig('main'), ...(options.mainAet === '' ? {} : { aet: options.mainAet ?? 'MAINPACS' }) },
    {
      studies: options.onMain ?? [],
    },
  );
  const archive = fakeConnector(siteConfig('archive'), { studies: options.onArchive ?? [prior('archive')] });
  const sent: string[] = [];
  if (options.canSend !== false) archive.sendStudy = async (u, aet) => void sent.push(`${u}→${aet}`);
  return { main, archive, sent };
}
const ctxOf = (main: FakeConnector, archive: FakeConnector, writes = true) =>
  fakeContext([main, archive], { allowWrites: writes, fetchWaitMs: 1_000, fetchPollMs: 250 });

afterEach(() => vi.useRealTimers());

describe('parsing priors and fetch arguments', () => {
  const ctx = ctxOf(sites().main, sites().archive);
  it('priors takes an MRN and an optional site; an accession gets the usage line', () => {
    expect(parsePriorsArgument('mrn:SYN-PAT-001 archive', ctx)).toEqual({
      ok: true,
      value: { by: 'mrn', id: 'SYN-PAT-001', site: 'archive' },
    });
    const acc = parsePriorsArgument('SYN0001', ctx);
    expect(acc).toMatchObject({ ok: false, reason: 'usage', message: expect.stringContaining('priors mrn:') });
    expect(parsePriorsArgument('', ctx)).toMatchObject({ ok: false, message: 'Usage: priors mrn:PATIENT-ID [site]' });
    expect(parsePriorsArgument('mrn:SYN*', ctx)).toMatchObject({ ok: false, reason: 'invalid_mrn' });
  });

  it('fetch takes a UID of digits and dots, a source site and an optional destination', () => {
    expect(parseFetchArgument(`${uid} ARCHIVE`, ['main', 'archive'])).toEqual({
      ok: true,
      value: { studyInstanceUid: uid, from: 'archive' },
    });
    expect(parseFetchArgument(`${uid} archive main`, ['main', 'archive'])).toMatchObject({ value: { to: 'main' } });
    for (const bad of ['1.2.*', '1..2', '1.2.', 'x1.2', `1.${'2'.repeat(70)}`, '1.2 archive main extra', uid]) {
      const text = bad.includes(' ') || bad === uid ? bad : `${bad} archive`;
      expect(parseFetchArgument(text, ['main', 'archive']).ok).toBe(false);
    }
    expect(parseFetchArgument(`${uid} nowhere`, ['main', 'archive'])).toMatchObject({ reason: 'unknown_site' });
  });
});

describe('planning a fetch refuses what cannot work, before anything is sent', () => {
  it.each([
    ['writes off', () => ({ ...sites(), writes: false }), 'writes_disabled'],
    ['no AE title for main', () => ({ ...sites({ mainAet: '' }), writes: true }), 'no_destination'],
    ['an archive that cannot send', () => ({ ...sites({ canSend: false }), writes: true }), 'unsupported'],
    ['a study the archive does not hold', () => ({ ...sites({ onArchive: [] }), writes: true }), 'not_found'],
    ['a study complete on main', () => ({ ...sites({ onMain: [prior('main')] }), writes: true }), 'already_there'],
  ])('%s', async (_name, arrange, reason) => {
    const { main, archive, sent, writes } = arrange();
    const result = await fetchPrior(ctxOf(main, archive, writes), { studyInstanceUid: uid, from: 'archive' });
    expect(result).toMatchObject({ ok: false, reason });
    expect(sent).toEqual([]);
  });

  it('refuses fetching a site into itself', async () => {
    const { main, archive } = sites();
    expect(await planFetch(ctxOf(main, archive), { studyInstanceUid: uid, from: 'main' })).toMatchObject({
      reason: 'same_site',
    });
  });

  it('a partial copy on main may be fetched again; the sentence names no patient or accession', async () => {
    const { main, archive } = sites({ onMain: [prior('main', { instances: 1 })] });
    const plan = await planFetch(ctxOf(main, archive), { studyInstanceUid: uid, from: 'archive' });
    expect(plan).toMatchObject({
      ok: true,
      description: 'Fetch the CT study of 2019-03-04 (2 series, 4 instances) from archive to main',
    });
    expect(describeFetch(prior('archive'), 'archive', 'main')).not.toMatch(/SYN|TEST|ALICE/);
  });
});

describe('waiting for the fetched study', () => {
  it('reports arrival as soon as main holds every instance', async () => {
    const { main, archive, sent } = sites();
    archive.sendStudy = async (u, aet) => {
      sent.push(`${u}→${aet}`);
      main.findStudies = async () => [prior('main')];
    };
    const result = await fetchPrior(ctxOf(main, archive), { studyInstanceUid: uid, from: 'archive' });
    expect(sent).toEqual([`${uid}→MAINPACS`]);
    expect(result).toMatchObject({ ok: true, arrived: true, instances: 4, expected: 4 });
  });

  it('says "still arriving" with the count so far when the wait runs out, polling on the way', async () => {
    vi.useFakeTimers();
    const { main, archive } = sites();
    const ctx = { ...ctxOf(main, archive), now: () => Date.now() };
    let polls = 0;
    archive.sendStudy = async () => {
      main.findStudies = async () => {
        polls++;
        return [prior('main', { instances: 1 })];
      };
    };
    const pending = fetchPrior(ctx, { studyInstanceUid: uid, from: 'archive' });
    await vi.advanceTimersByTimeAsync(1_500);
    const result = await pending;
    expect(result).toMatchObject({ ok: true, arrived: false, instances: 1, expected: 4 });
    expect(polls).toBe(5);
    expect(renderFetch(result).blocks[0]).toMatchObject({ text: { text: expect.stringContaining('Still arriving') } });
  });

  it('an archive that refuses the send is reported without its error text', async () => {
    const { main, archive } = sites();
    archive.sendStudy = async () => {
      throw new Error('connect ECONNREFUSED 10.1.2.3:4242');
    };
    const result = await fetchPrior(ctxOf(main, archive), { studyInstanceUid: uid, from: 'archive' });
    expect(result).toMatchObject({ ok: false, reason: 'failed' });
    expect(JSON.stringify(renderFetch(result))).not.toContain('10.1.2.3');
  });
});

describe('the priors list in Slack', () => {
  it('offers Fetch buttons only to an admin with an offer, carrying the offer and the line, never the UID', async () => {
    const { main, archive } = sites();
    const result = await findPriors(ctxOf(main, archive), { by: 'mrn', id: 'SYN-PAT-001' });
    expect(result.fetchable).toEqual([true]);
    const admin = JSON.stringify(renderPriors(result, Role.Admin, '7b0c7e4e-0000-4000-8000-000000000001'));
    expect(admin).toContain('"value":"7b0c7e4e-0000-4000-8000-000000000001:1"');
    expect(admin).not.toContain(uid);
    expect(admin).not.toContain('SYN-PAT-001');
    expect(JSON.stringify(renderPriors(result, Role.Associate, 'x'))).not.toContain('pacs_fetch_prior');
    expect(JSON.stringify(renderPriors(result, Role.Admin))).not.toContain('pacs_fetch_prior');
  });
});
