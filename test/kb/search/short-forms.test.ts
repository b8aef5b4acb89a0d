import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../../src/kb/index.js';
import { foldKeptShortForms } from '../../../src/kb/search/abbreviations.js';
import { expandQuery } from '../../../src/kb/search/expand-query.js';

const STARTER_KB = fileURLToPath(new URL('../../../knowledge', import.meta.url));

describe('foldKeptShortForms', () => {
  it('makes a kept short form an expansion of its long form, so the word counts once', () => {
    const terms = foldKeptShortForms('pt patient not on worklist', expandQuery('pt patient not on worklist'));
    expect(terms.find((t) => t.term === 'pt')).toMatchObject({ original: false, from: ['patient'], weight: 1 });
    expect(terms.find((t) => t.term === 'patient')?.original).toBe(true);
  });

  it('leaves a short form alone when its long form was not added beside it', () => {
    const terms = foldKeptShortForms('pt missing', expandQuery('pt missing'));
    expect(terms.find((t) => t.term === 'pt')?.original).toBe(true);
  });
});

describe('short forms on the starter KB', () => {
  let kb: WatchableKnowledgeBase;
  beforeAll(async () => {
    kb = await createKnowledgeBase({ dir: STARTER_KB });
  });
  afterAll(async () => {
    await kb.close();
  });

  // The starter KB writes "PT" once, as the PET modality code: counted as its own word it sank coverage.
  it('answers a worklist question typed with "pt" from the worklist page', async () => {
    const response = await kb.search('pt not on the worklist on the us machine');
    expect(response.answerable).toBe(true);
    expect(response.results[0]?.chunk.source).toBe('modality/worklist-problems.md');
  });

  it('reads "mic" as microphone', async () => {
    const response = await kb.search('dictation mic not working');
    expect(response.answerable).toBe(true);
    expect(response.results[0]?.chunk.heading).toMatch(/microphone/i);
  });

  it('reads "min" as minutes, so a stat question is answered with confidence', async () => {
    const response = await kb.search('stat ct done 20 min ago not in pacs');
    expect(response.answerable).toBe(true);
    expect(response.confidence).toBeGreaterThan(0.6);
  });
});
