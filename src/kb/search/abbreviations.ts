import { analyze, stem, surfaceWords } from './analyzer.js';
import type { QueryTerm } from './expand-query.js';
import { documentFrequency, type LexicalIndex } from './lexical-index.js';

/**
 * Shorthand clinicians and PACS staff type, with what it stands for. General clinical/PACS usage, not any one KB's
 * words. Each long form is one word (or one hyphenated word), so a typed word still counts once: "cxr" read as
 * "chest x-ray" made any page about chests outrank the page about white images. The long form replaces the short one when the KB never uses it, and is added beside it otherwise (a KB that
 * writes "CXR" keeps matching "cxr").
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  pt: 'patient',
  pts: 'patients',
  xr: 'x-ray',
  xrs: 'x-rays',
  cxr: 'x-ray',
  axr: 'x-ray',
  abdo: 'abdomen',
  rad: 'radiologist',
  rads: 'radiologists',
  reg: 'registrar',
  dept: 'department',
  img: 'image',
  imgs: 'images',
  pic: 'image',
  pics: 'images',
  pc: 'computer',
  recon: 'reconstruction',
  recons: 'reconstructions',
  msk: 'musculoskeletal',
  neuro: 'neurology',
  ortho: 'orthopaedic',
  req: 'request',
  appt: 'appointment',
  info: 'information',
  pw: 'password',
  pwd: 'password',
  acc: 'accession',
  ext: 'extension',
  tel: 'telephone',
  hosp: 'hospital',
  prefs: 'preferences',
  config: 'configuration',
  admin: 'administrator',
  docs: 'documentation',
  hx: 'history',
  mammo: 'mammogram',
  angio: 'angiogram',
  fluoro: 'fluoroscopy',
  ctpa: 'angiogram',
  // Clipped words of chat ("mic not working", "20 min ago").
  mic: 'microphone',
  mics: 'microphones',
  min: 'minutes',
  mins: 'minutes',
  hr: 'hours',
  hrs: 'hours',
};

// "us" is a stop word, but "the US abdo", "new us machine" mean ultrasound.
const ULTRASOUND =
  /\b(?:(?<=\b(?:the|a|an|new|old|portable|our|their|his|her|my|this|that|an)\s+)us\b|us(?=\s+(?:abdo|abdomen|scan|scans|machine|probe|dept|department|report|images|study|studies|exam|guided|room|cart)\b))/gi;

// "I can log in but...": "in" is a stop word, so "log" alone would read as a log file (logfile, verbose, trace).
const LOG_IN = /\b(?:log|logged|logging)\s+(?:in|into|on|onto)\b/gi;

/**
 * The question with shorthand spelled out, so the long form is
 * analysed, expanded and counted like a typed word.
 *
 * @example expandAbbreviations(index, 'pt cxr missing') // 'patient x-ray missing'
 */
export function expandAbbreviations(index: LexicalIndex, question: string): string {
  let text = question
    .replace(/\bu\/s\b/gi, 'ultrasound')
    .replace(ULTRASOUND, 'ultrasound')
    .replace(LOG_IN, 'login');
  const seen = new Set<string>();
  for (const word of surfaceWords(text)) {
    const long = ABBREVIATIONS[word];
    if (!long || seen.has(word)) continue;
    seen.add(word);
    // A KB that uses the short form itself keeps it; the long form is added beside it.
    const keep = documentFrequency(index, stem(word)) > 0;
    text = text.replace(new RegExp(`\\b${word}\\b`, 'gi'), keep ? `${word} ${long}` : long);
  }
  return text;
}

/**
 * A short form the KB also uses is kept beside its long form ("pt patient"), but it is still one word of the
 * question: the short form becomes an expansion of the long one, so coverage and support count the word once, by
 * the long form, and credit it when the page uses either. Without this, "pt" asked about a patient weighs as the rare
 * PET modality code and drags coverage down on the very page that answers.
 *
 * @example foldKeptShortForms('pt not on worklist', terms).find((t) => t.term === 'pt')?.original // false
 */
export function foldKeptShortForms(question: string, terms: readonly QueryTerm[]): QueryTerm[] {
  const byTerm = new Map(terms.map((t) => [t.term, t] as const));
  const folded = new Map<string, string>();
  for (const word of surfaceWords(question)) {
    const long = ABBREVIATIONS[word];
    const longTerms = long ? analyze(long) : [];
    const short = stem(word);
    const longTerm = longTerms[0];
    if (longTerms.length !== 1 || !longTerm || longTerm === short) continue;
    if (byTerm.get(short)?.original && byTerm.get(longTerm)?.original) folded.set(short, longTerm);
  }
  if (folded.size === 0) return [...terms];
  return terms.map((t) => {
    const long = folded.get(t.term);
    return long ? { ...t, original: false, from: [long] } : t;
  });
}
