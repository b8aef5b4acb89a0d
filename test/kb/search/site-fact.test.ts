import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../../src/kb/index.js';
import { siteFactSubject } from '../../../src/kb/search/site-fact.js';

const STARTER_KB = fileURLToPath(new URL('../../../knowledge', import.meta.url));

describe('siteFactSubject', () => {
  it('takes the thing asked about from a lookup question, without the attribute words', () => {
    expect(siteFactSubject('whats the AE title and port of the new MRI on 3rd floor')).toEqual([
      'new',
      'mri',
      '3rd',
      'floor',
    ]);
    expect(siteFactSubject("what's the extension for the ultrasound dept")).toEqual(['ultrasound', 'dept']);
    expect(siteFactSubject('who is on call for neuro tonight')).toEqual(['neuro', 'tonight']);
  });

  it('leaves how-to, troubleshooting and concept questions alone', () => {
    expect(siteFactSubject('orthanc wont start, says dicom port privileged')).toBeUndefined();
    expect(siteFactSubject('whats the difference between an ORM and an ORU')).toBeUndefined();
    expect(siteFactSubject('how do i change my password')).toBeUndefined();
    expect(siteFactSubject('rang the on-call phone twice, images still missing')).toBeUndefined();
  });
});

describe('abstention on site facts the KB lacks (starter KB)', () => {
  let kb: WatchableKnowledgeBase;
  beforeAll(async () => {
    kb = await createKnowledgeBase({ dir: STARTER_KB });
  });
  afterAll(async () => {
    await kb.close();
  });

  it.each([
    'whats the AE title and port for the new cone beam ct in dental',
    'whats the phone number for the cafeteria',
    'who is the neuro radiologist on call tonight',
  ])('abstains on "%s"', async (question) => {
    expect((await kb.search(question)).answerable).toBe(false);
  });

  it.each([
    'whats the bleep for the pacs on-call associate',
    'who do i phone for pacs problems out of hours',
    'what time does the pacs on-call cover start',
  ])('answers "%s", which the escalation pages name', async (question) => {
    expect((await kb.search(question)).answerable).toBe(true);
  });
});
