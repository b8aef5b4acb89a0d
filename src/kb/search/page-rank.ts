import type { QueryTerm } from './expand-query.js';
import type { PageFields } from './page-fields.js';
import type { RankedHit } from './rank.js';

/**
 * How a page's score is made from its passages and its own fields. The best passage counts whole; the second adds
 * a little, so a page that answers in two places edges out a one-passage match of equal strength, but ten weak
 * passages of a long page never add up to more than one exact short page (the old rule summed the next two passages
 * at 0.9 each). Page evidence is a bounded multiplier: the IDF-weighted share of the question's words that the
 * page's title (with file name and tags) or its headings name, i.e. what the page says it is about.
 */
export const PAGE_RANK = {
  secondPassage: 0.3,
  /** Passages a page keeps in the ranking: a long page's tenth passage would only push other pages out. */
  passagesPerPage: 4,
  /** Pages (best first by their passages) that get the page-evidence pass. */
  evidencePages: 30,
  /** Factor for a page whose title calls it legacy, deprecated, obsolete or superseded: a current page should win. */
  retired: 0.8,
  title: 0.3,
  headings: 0.15,
} as const;

// Stems of the title words that retire a page ("Worklists plugin (legacy)", "OLD - deprecated VPN guide").
const RETIRED = ['legaci', 'deprec', 'obsolet', 'supersed', 'outdat'];

/** Typed terms with their IDF, the query's expansions, and the page fields of a chunk's page. */
export interface PageEvidence {
  idfs: ReadonlyMap<string, number>;
  expansions: readonly QueryTerm[];
  fields: (doc: number) => PageFields;
}

/**
 * IDF-weighted share of the typed terms a field set names: a typed term counts 1 when present, else the weight of
 * its best expansion that is present ("pull" named by a title saying "retrieving" counts half).
 */
function share(evidence: PageEvidence, set: ReadonlySet<string>): number {
  let total = 0;
  let matched = 0;
  for (const [term, weight] of evidence.idfs) {
    total += weight;
    let credit = set.has(term) ? 1 : 0;
    for (const e of evidence.expansions)
      if (credit < e.weight && e.from?.includes(term) && set.has(e.term)) credit = Math.min(1, e.weight);
    matched += weight * credit;
  }
  return total > 0 ? matched / total : 0;
}

/**
 * Orders passages by their page's score, then by their own score (at most `passagesPerPage` per page), and records
 * the page score on every hit.
 * Only the candidate passages are visited (never the whole corpus).
 *
 * @example rankPages(hits, sources)[0]?.pageScore
 */
export function rankPages(
  hits: readonly RankedHit[],
  sources: readonly string[],
  evidence?: PageEvidence,
): RankedHit[] {
  const byPage = new Map<string, RankedHit[]>();
  for (const hit of hits) {
    const source = sources[hit.doc] ?? '';
    const list = byPage.get(source);
    if (list) list.push(hit);
    else byPage.set(source, [hit]);
  }
  const pages: { score: number; hits: RankedHit[] }[] = [];
  for (const list of byPage.values()) {
    list.sort((a, b) => b.score - a.score);
    const score = (list[0]?.score ?? 0) + PAGE_RANK.secondPassage * (list[1]?.score ?? 0);
    pages.push({ score, hits: list });
  }
  pages.sort((a, b) => b.score - a.score);
  // Page evidence only for the pages that can still reach the top: its factor is bounded, so a page far below
  // cannot climb, and a query never analyses the fields of more than `evidencePages` pages.
  pages.forEach((page, i) => {
    const best = page.hits[0] as RankedHit;
    let score = page.score;
    if (evidence && i < PAGE_RANK.evidencePages) {
      const fields = evidence.fields(best.doc);
      const retired = RETIRED.some((t) => fields.title.has(t) && !evidence.idfs.has(t));
      score *=
        1 + PAGE_RANK.title * share(evidence, fields.title) + PAGE_RANK.headings * share(evidence, fields.headings);
      if (retired) score *= PAGE_RANK.retired;
    }
    page.score = score;
    page.hits = page.hits.map((hit) => ({ ...hit, pageScore: score }));
  });
  pages.sort((a, b) => b.score - a.score);
  return pages.flatMap((page) => page.hits.slice(0, PAGE_RANK.passagesPerPage));
}
