import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../src/kb/index.js';
import { tempKb } from './fixtures.js';

const PAGES: Record<string, string> = {
  'studies/remote-priors.md':
    '# Retrieving comparison studies from another site\n\nPrevious exams held at a partner archive are fetched with ' +
    'query/retrieve (C-FIND then C-MOVE). The remote archive must know our AE title, IP address and port, otherwise ' +
    'the retrieve fails with a move destination unknown error.\n\n## Troubleshooting\n\nAsk the partner site to add our AET.',
  'facilities/hospital-screens.md':
    '# Screens in the other hospital building\n\nThe other hospital building has old screens that show scans in ' +
    'the corridor. Old scans are displayed on a loop; the hospital estates team replaces old screens.',
  'viewer/hanging.md':
    '# Layout of the viewer\n\nHanging protocols decide which series go in which viewport when a study opens.',
  'access/passwords.md': '# Passwords\n\nReset your PACS password at the service desk portal.',
};

let kb: WatchableKnowledgeBase;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempKb(PAGES);
  cleanup = tmp.cleanup;
  kb = await createKnowledgeBase({ dir: tmp.dir });
});

afterAll(async () => {
  await kb.close();
  await cleanup();
});

describe('ranking', () => {
  // Pages are ranked by their best passage (no longer by the sum of several): the decoy's one passage repeats "old
  // scans" and "other hospital", so the question names the site the way the answering page does.
  it('finds the page that answers a paraphrase over a decoy sharing its surface words', async () => {
    const response = await kb.search('cant pull old scans from the other site', { limit: 3 });
    expect(response.results[0]?.chunk.source).toBe('studies/remote-priors.md');
  });

  it('matches acronyms to their spelled-out form', async () => {
    const response = await kb.search('what application entity do they need', { limit: 1 });
    expect(response.results[0]?.chunk.source).toBe('studies/remote-priors.md');
  });

  it('returns citation fields with the results, best first', async () => {
    const { results } = await kb.search('hanging protocol for series', { limit: 5 });
    expect(results[0]?.chunk).toMatchObject({
      source: 'viewer/hanging.md',
      anchor: 'layout-of-the-viewer',
      title: 'Layout of the viewer',
    });
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('honours the limit and returns nothing for a question with no known word', async () => {
    expect((await kb.search('retrieve', { limit: 1 })).results).toHaveLength(1);
    expect(await kb.search('zzzz qqqq')).toEqual({ results: [], answerable: false, confidence: 0 });
  });
});

describe('confidence', () => {
  it('is lower for an off-topic question than for a covered one, and abstains on the off-topic one', async () => {
    const covered = await kb.search('move destination unknown when retrieving priors from the partner archive');
    const offTopic = await kb.search('is the cafeteria open for lunch on the weekend');
    const nearDomain = await kb.search('how do I book an ultrasound appointment for my patient');
    expect(covered.answerable).toBe(true);
    expect(offTopic.answerable).toBe(false);
    expect(nearDomain.answerable).toBe(false);
    expect(covered.confidence).toBeGreaterThan(offTopic.confidence);
    for (const r of [covered, offTopic, nearDomain]) expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(covered.confidence).toBeLessThanOrEqual(1);
  });
});
