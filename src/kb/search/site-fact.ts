import { analyze } from './analyzer.js';

/**
 * Questions that look up one local fact: a phone number or extension, who is on call, a person's name, an AE title,
 * IP address or port of a named device, a password, a cost, opening hours, a date, a retention period. A KB answers
 * them only when it names the very thing asked about ("the CT reading room", "the cone beam CT in dental"); sharing
 * the attribute words ("AE title", "port", "call") with a general page is not an answer. Detected from the question's
 * form (a wh-lookup) and an attribute word, in any KB.
 */
const LOOKUP =
  /^(?:(?:hi|hey|hello|quick question|quick q)\b[\s,!.:-]*)?(?:what|whats|who|whos|when|whens|which|how (?:much|many|long))\b/;

/** "What is an AE title", "what does retention mean": a question about a concept, answered by a definition anywhere. */
const CONCEPT =
  /^(?:what|whats)\s+(?:is|are|s)?\s*(?:a|an)\s|\b(?:mean|means|meaning|stand for|stands for|definition)\b/;

/** Surface words (and two-word phrases) that name a site-specific attribute. */
const ATTRIBUTES = new Set([
  'phone',
  'number',
  'extension',
  'ext',
  'bleep',
  'pager',
  'email',
  'name',
  'called',
  'on call',
  'oncall',
  'on-call',
  'rota',
  'password',
  'pin',
  'cost',
  'costs',
  'price',
  'fee',
  'open',
  'opens',
  'close',
  'closes',
  'hours',
  'time',
  'next',
  'ae',
  'aet',
  'aetitle',
  'title',
  'ip',
  'address',
  'port',
  'hostname',
  'keep',
  'kept',
  'retention',
  'retain',
  'retained',
  'purged',
]);

/** Typed terms (analysed) of a site-fact question that name the thing asked about, or undefined for other questions. */
export function siteFactSubject(question: string): string[] | undefined {
  const text = question.toLowerCase().replace(/['’]/g, '').trim();
  if (!LOOKUP.test(text) || CONCEPT.test(text)) return undefined;
  const words = text.split(/[^\p{L}\p{N}-]+/u).filter(Boolean);
  const attribute = new Set<string>();
  words.forEach((word, i) => {
    const pair = `${word} ${words[i + 1] ?? ''}`;
    if (ATTRIBUTES.has(pair)) for (const t of analyze(pair)) attribute.add(t);
    if (ATTRIBUTES.has(word)) for (const t of analyze(word)) attribute.add(t);
  });
  if (attribute.size === 0) return undefined;
  return analyze(question).filter((term) => !attribute.has(term));
}
