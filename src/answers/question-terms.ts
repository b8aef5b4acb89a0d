/**
 * The words of a question that say what it is about, and how many of them a section shares: enough to tell which
 * section of an already-found page fits (the KB's ranker found the page; this only compares its sections).
 */
const stopWords = new Set(
  (
    'a an and are as at be but by can could do does did for from get got has have he her his how i if in into is it its ' +
    'just me my of on or our she so that the their them then there they this to up us was we were what when where ' +
    'which who why will with would you your im ive dont cant wont isnt doesnt not still whats theres'
  ).split(' '),
);

/** Crude suffix folding, applied the same way to question and section ("locking", "locked" -> "lock"). */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  // "starters" and "starting", "viewer" and "view": the doer reads as the deed.
  else if (w.length > 6 && /[^e]ers?$/.test(w)) w = w.replace(/ers?$/, '');
  else if (w.length > 3 && w.endsWith('es') && /(?:ch|sh|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // "change" and "changed" both end up "chang".
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
}

/** Distinct content terms of a question, stemmed. */
export function contentTerms(question: string): string[] {
  return [
    ...new Set(
      words(question)
        .filter((w) => !stopWords.has(w))
        .map(stem),
    ),
  ];
}

/** Share (0..1) of `terms` that occur in `text`. */
export function termOverlap(terms: readonly string[], text: string): number {
  if (terms.length === 0) return 0;
  const have = new Set(words(text).map(stem));
  return terms.filter((t) => have.has(t)).length / terms.length;
}

const absentAfter =
  /\b(?:no|without|missing|lost|cant find|cannot find|can't find)\s+(?:the |any |an? |our |my )?([a-z][a-z0-9-]+)/g;
const absentBefore =
  /\b([a-z][a-z0-9-]+)\s+(?:(?:is|are|has|have|was|were)\s+)?(?:missing|not (?:there|showing|shown|appearing|visible|loading|arriving)|gone|absent|never (?:arrived|came))\b/g;

/**
 * What a text says is absent, stemmed: "a report but no images" and "the images are missing" both name images.
 * Pages that pair opposite problems ("report but no images" / "images but no report") share every word; only which
 * one is missing tells them apart.
 */
export function missingTerms(text: string): string[] {
  const t = text.toLowerCase().replace(/[’']/g, '');
  const found = new Set<string>();
  for (const pattern of [absentAfter, absentBefore])
    for (const m of t.matchAll(pattern)) {
      const word = m[1] ?? '';
      if (!stopWords.has(word) && !/^(?:one|longer|more|problem|issue)$/.test(word)) found.add(stem(word));
    }
  return [...found];
}
