import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCorpus } from '../../../src/kb/corpus/refresh-corpus.js';
import { scanFiles } from '../../../src/kb/corpus/scan-files.js';
import { expandAbbreviations } from '../../../src/kb/search/abbreviations.js';
import { expandQuery } from '../../../src/kb/search/expand-query.js';
import { negatedTerms } from '../../../src/kb/search/negation.js';
import { correctQuestion } from '../../../src/kb/search/typos.js';
import { buildSnapshot, type IndexSnapshot } from '../../../src/kb/snapshot.js';
import { tempKb } from '../fixtures.js';

const PAGES: Record<string, string> = {
  'viewer/images.md':
    '# Images not displaying\n\nWhen the images stay blank the viewer shows an empty grid. Clear the images cache, ' +
    'then reopen the images.\n\n## Chest x-ray opens white\n\nA chest x-ray that opens completely white needs a ' +
    'window reset.',
  'studies/wrong-patient.md':
    '# Study on the wrong patient\n\nIf a study is filed under the wrong patient, the patient record is merged by ' +
    'PACS. Patient details come from the order.\n\n## Scanner checks\n\nThe scanner and the scanned images are ' +
    'checked by the patient team.',
  'security/https.md': '# HTTPS\n\nHTTPS is enabled in the server itself, or by a reverse proxy.',
  'ops/cxr-room.md': '# CXR room\n\nThe CXR room is next to the patient lifts; the CXR unit sends images to PACS.',
};

let snapshot: IndexSnapshot;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempKb(PAGES);
  cleanup = tmp.cleanup;
  snapshot = buildSnapshot((await refreshCorpus(new Map(), await scanFiles(tmp.dir))).documents);
});

afterAll(async () => {
  await cleanup();
});

describe('typo correction', () => {
  it('corrects a slip of a word the KB uses (transposition, missing letter)', () => {
    expect(correctQuestion(snapshot.index, 'imgaes stay blank')).toBe('images stay blank');
    expect(correctQuestion(snapshot.index, 'the imges are blank')).toBe('the images are blank');
    expect(correctQuestion(snapshot.index, 'wrong pateint')).toBe('wrong patient');
    expect(correctQuestion(snapshot.index, 'completley blank')).toBe('completely blank');
  });

  it('never changes a word the KB uses, and leaves unknown words with no close common word', () => {
    expect(correctQuestion(snapshot.index, 'scanner scanned images')).toBe('scanner scanned images');
    expect(correctQuestion(snapshot.index, 'cafeteria menu today')).toBe('cafeteria menu today');
  });

  it('leaves a very long run of letters alone (a pasted blob, not a slip; its edits would take minutes)', () => {
    const blob = `why is the viewer blank ${'y'.repeat(3976)}`;
    expect(correctQuestion(snapshot.index, blob)).toBe(blob);
    expect(correctQuestion(snapshot.index, 'imgaesimgaesimgaesimgaesx blank')).toBe('imgaesimgaesimgaesimgaesx blank');
  });
});

describe('abbreviations', () => {
  it('spells out shorthand the KB does not use', () => {
    expect(expandAbbreviations(snapshot.index, 'wrong pt on the xr')).toBe('wrong patient on the x-ray');
  });

  it('keeps shorthand the KB uses itself and adds the long form beside it', () => {
    expect(expandAbbreviations(snapshot.index, 'cxr is white')).toBe('cxr x-ray is white');
  });

  // "in" is a stop word: "log" alone read as a log file and expanded to logfile, verbose, trace.
  it('reads "log in" / "logged into" as login, and leaves "the logs" alone', () => {
    expect(expandAbbreviations(snapshot.index, 'i can log in but')).toBe('i can login but');
    expect(expandAbbreviations(snapshot.index, 'logged into the viewer')).toBe('login the viewer');
    expect(expandAbbreviations(snapshot.index, 'where are the logs in orthanc')).toBe('where are the logs in orthanc');
  });

  it('reads "us" as ultrasound only before an imaging noun or after an article', () => {
    expect(expandAbbreviations(snapshot.index, 'the us abdo failed')).toContain('ultrasound');
    expect(expandAbbreviations(snapshot.index, 'new us machine')).toContain('ultrasound');
    expect(expandAbbreviations(snapshot.index, 'can you help us with pacs')).not.toContain('ultrasound');
  });
});

describe('negation', () => {
  it('finds the words a question rules out, unless it also asks for them', () => {
    expect(negatedTerms('turn on https in the server itself, no reverse proxy')).toEqual(new Set(['revers', 'proxi']));
    expect(negatedTerms('send over https without dicom')).toEqual(new Set(['dicom']));
    expect(negatedTerms('host it under /viewer instead of the root')).toEqual(new Set());
    expect(negatedTerms('dicom send fails, no dicom echo either')).toEqual(new Set(['echo']));
  });

  it('weighs negated words little and does not count them as asked', () => {
    const proxy = expandQuery('https in the server itself, no reverse proxy').find((t) => t.term === 'proxi');
    expect(proxy).toMatchObject({ original: false });
    expect(proxy?.weight).toBeLessThan(0.5);
  });
});
