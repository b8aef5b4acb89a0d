import { analyze } from './analyzer.js';

/**
 * Questions that look up one local fact: a phone number or extension, who is on call, a person's name, an AE title,
 * IP address or port of a named device, a password, a cost, opening hours, a date, a retention period. A KB answers
 * them only when it names the very thing asked about ("the CT reading room", "the cone beam CT in dental"); sharing
 * the attribute words ("AE title", "port", "call") with a general page is not an answer. Detected in any KB from an
 * attribute word: the inherently local ones alone, the others when the question asks for a value (a wh-word
 * opening a clause, or "need the", "give me the", "is there a"...).
 */
const LOOKUP =
  /(?:^|[,;:.!?]\s*|\b(?:and|but|so|also)\s+)(?:(?:hi|hey|hello|quick question|quick q)\b[\s,!.:-]*)?(?:what|whats|who|whos|when|whens|which|how (?:much|many|long))\b|\b(?:need|want|give me|tell me|send me|do you have|do we have|do you know|anyone know|where (?:can|do) i find)\s+(?:the|our|their|his|her)\b|\bis there an? (?:number|phone|extension|bleep|email|name|list)\b/;

/** Values only a site knows: a question about them needs a page naming its subject, whatever its form. */
const LOCAL_ATTRIBUTES = [
  'phone',
  'phone number',
  'extension',
  'ext',
  'bleep',
  'pager',
  'mobile number',
  'on call',
  'oncall',
  'on-call',
  'rota',
  'cost',
  'costs',
  'price',
  'fee',
  'retention',
  'retained',
];

/** Attribute words that name a local value only when the question asks for one ("what port", not "port in use"). */
const VALUE_ATTRIBUTES = [
  'password',
  'passcode',
  'pin',
  'purged',
  'number',
  'email',
  'name',
  'called',
  'open',
  'opens',
  'close',
  'closes',
  'hours',
  'time',
  'next',
  'date',
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
  'retain',
];

const LOCAL = new Set(LOCAL_ATTRIBUTES);
const VALUE = new Set(VALUE_ATTRIBUTES);

/** Typed terms (analysed) of a site-fact question that name the thing asked about, or undefined for other questions. */
export function siteFactSubject(question: string): string[] | undefined {
  const text = question.toLowerCase().replace(/['’]/g, '').trim();
  const lookup = LOOKUP.test(text);
  const words = text.split(/[^\p{L}\p{N}-]+/u).filter(Boolean);
  const attribute = new Set<string>();
  let local = false;
  words.forEach((word, i) => {
    for (const phrase of [`${word} ${words[i + 1] ?? ''}`, word]) {
      const isLocal = LOCAL.has(phrase);
      if (!isLocal && !(lookup && VALUE.has(phrase))) continue;
      local ||= isLocal;
      for (const t of analyze(phrase)) attribute.add(t);
    }
  });
  if (attribute.size === 0 || !(lookup || local)) return undefined;
  return analyze(question).filter((term) => !attribute.has(term));
}
