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
    expect(siteFactSubject('what is an ae title')).toBeUndefined();
    expect(siteFactSubject('whats a dicom port')).toBeUndefined();
    expect(siteFactSubject('what does retention period mean')).toBeUndefined();
    expect(siteFactSubject('what is the ae title of the ct scanner')).toEqual(['ct', 'scanner']);
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

  it('answers a concept question that names a site attribute ("what is an ae title") from its definition', async () => {
    const response = await kb.search('what is an ae title');
    expect(response.answerable).toBe(true);
    expect(response.results[0]?.chunk.source).toBe('associates/dicom-hl7-basics.md');
  });

  it('reads "PACS is down" as an outage: the downtime page, not a page that happens to say PACS and images', async () => {
    const response = await kb.search('PACS is down, how can I look at the images');
    expect(response.results[0]?.chunk.source).toBe('downtime/planned-and-unplanned-downtime.md');
  });
});
