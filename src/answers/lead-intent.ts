/** What the question asks for, read from its wording. */
export const QuestionIntent = {
  Troubleshooting: 'troubleshooting',
  HowTo: 'how-to',
  Concept: 'concept',
  Contact: 'contact',
  Other: 'other',
} as const;
export type QuestionIntent = (typeof QuestionIntent)[keyof typeof QuestionIntent];

const contactAsk = /\bwho (?:do i|should i|to|can i)\s+(?:call|contact|ring|phone|ask|page|bleep)\b|\bescalat/i;
const conceptAsk =
  /^(?:what(?:'s|s| is| are| does| do)\b(?!.*\b(?:wrong|happen(?:ed|ing)?)\b)|define\b|meaning of\b)|\bdifference between\b|\bvs\.?\s|\bwhat does .* mean\b|^(?:is|are|does) (?:the |an? )?\S+(?: \S+)? (?:a|an|fda|hipaa|compliant|cleared|support)/i;
const troubleAsk =
  /\b(?:not|no|nothing|never|n't|wont|cant|cannot|dont|doesnt|isnt|didnt|aint|unable|error|errors|fail\w*|keeps?|missing|down|broken|blank|black|white|stuck|wrong|empty|frozen|freez\w*|slow|crash\w*|garbled|rejected|refused|denied|locked|lost|disappear\w*|gone|dies|died|problem|issue|help)\b/i;
const howToAsk = /\b(?:how (?:do|can|to|should)|how\b|where (?:do|can|is)|can i|want to|need to|is there a way)\b/i;

/** Reads the question's intent; a problem wins over "how" ("how do i fix the black screen" is troubleshooting). */
export function readIntent(question: string): QuestionIntent {
  const q = question.toLowerCase().replace(/[’']/g, "'");
  if (contactAsk.test(q)) return QuestionIntent.Contact;
  if (conceptAsk.test(q) && !/\b(?:not|n't|wrong|error)\b/.test(q)) return QuestionIntent.Concept;
  if (troubleAsk.test(q)) return QuestionIntent.Troubleshooting;
  if (howToAsk.test(q)) return QuestionIntent.HowTo;
  return QuestionIntent.Other;
}
