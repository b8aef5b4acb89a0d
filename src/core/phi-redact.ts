/**
 * Replaces patient identifiers with placeholders before text leaves the trust boundary (the LLM, logs,
 * ticket titles). Pattern-based: it catches labelled identifiers (MRN, accession, DOB), dates, phone
 * numbers, e-mail addresses, long digit runs, DICOM person names (SMITH^JOHN) and names after a cue
 * ("patient John Smith", "Mrs Jones", or a capitalised name right before an identifier). It cannot
 * recognise an unlabelled name in free text; the README lists that limit.
 */
export const PhiPlaceholder = {
  Mrn: '[MRN]',
  Accession: '[ACCESSION]',
  Date: '[DATE]',
  Phone: '[PHONE]',
  Email: '[EMAIL]',
  Name: '[NAME]',
  Id: '[ID]',
} as const;

const NAME = "[A-Z][a-z'’-]+(?:[ \\t]+[A-Z][a-z'’-]+){0,2}";

const FULL_NAME = "[A-Z][a-z'’-]+(?:[ \\t]+[A-Z][a-z'’-]+){1,2}";

/**
 * A run of digits with phone-style separators, not glued to a word or a dotted number (UIDs, versions, IPs).
 * `isPhoneNumber` decides; the candidate is kept as it was when it does not look like a phone number.
 */
const phoneCandidate = /(?<![\w.+-])(?:\+|\(\+?)?\d[\d \t().-]{5,24}\d(?![\w-]|\.?\d)/g;

function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false; // E.164 allows at most 15 digits
  if (/[ \t.()-]{2,}/.test(candidate.replace(/\) |\)-| \(/g, ')'))) return false;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(candidate)) return false; // an IPv4 address
  if (candidate.startsWith('+') || /[()]/.test(candidate)) return true;
  if (/^\d+(?:\.\d+)+$/.test(candidate)) return /^\d{3}\.\d{3}\.\d{4}$/.test(candidate);
  const groups = candidate.split(/[\s-]+/);
  // Two dashed groups are a year range ("2020-2024") unless shaped like a local number (555-1234).
  if (groups.length === 2 && candidate.includes('-')) return /^\d{3}-\d{4}$/.test(candidate);
  if (candidate.includes('-')) return true;
  // Space-separated digits ("07700 900123", "555 123 4567", "1 800 555 0199"), not a list of ports or counts.
  const shortGroups = groups.filter((g) => g.length < 2).length;
  return (
    digits.length >= 9 &&
    (digits.startsWith('0') || digits.length >= 10) &&
    shortGroups <= (digits.length >= 10 ? 1 : 0)
  );
}

type Rule = readonly [RegExp, string | ((match: string, ...groups: string[]) => string)];

const rules: readonly Rule[] = [
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, PhiPlaceholder.Email],
  // Labelled identifiers: the label stays so the question still makes sense.
  [
    /\b(MRN|medical record(?: number)?|patient ?id|pid|hospital number|NHS number|UR number)(\s*(?:#|no\.?|number|:|=|is)?\s*)(?=[A-Z0-9-]*\d)[A-Z0-9-]{3,}\b/gi,
    (_m, label: string, sep: string) => `${label}${sep}${PhiPlaceholder.Mrn}`,
  ],
  [
    /\b(accession(?: number| no\.?| #)?|acc(?:ession)?\.?|ACC#?)(\s*(?:#|no\.?|number|:|=|is)?\s*)(?=[A-Z0-9-]*\d)[A-Z0-9-]{3,}\b/gi,
    (_m, label: string, sep: string) => `${label}${sep}${PhiPlaceholder.Accession}`,
  ],
  [
    /\b(DOB|D\.O\.B\.?|date of birth|born(?: on)?)(\s*(?::|=|is)?\s*)[^\s,;]+(?:[ ][^\s,;]+){0,2}/gi,
    (_m, label: string, sep: string) => `${label}${sep}${PhiPlaceholder.Date}`,
  ],
  [
    /\b(SSN|social security(?: number)?)(\s*(?::|#|is)?\s*)[\d-]{9,11}\b/gi,
    (_m, l: string, s: string) => `${l}${s}${PhiPlaceholder.Id}`,
  ],
  // DICOM UIDs: standard ones (1.2.840.10008.*) name transfer syntaxes and SOP classes and stay; others identify.
  [/\b\d+(?:\.\d+){4,}\b/g, (uid: string) => (uid.startsWith('1.2.840.10008.') ? uid : PhiPlaceholder.Id)],
  // DICOM person names: FAMILY^GIVEN^MIDDLE
  [/\b[A-Za-z'-]+\^[A-Za-z'^-]*/g, PhiPlaceholder.Name],
  // Dates: 01/02/1960, 1960-02-01, 1.2.60, 19600201, 1 Feb 1960, Feb 1, 1960
  // (not inside a dotted UID such as 1.2.840.10008.1.2.4.50)
  [/(?<![\d.])\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![.\d])/g, PhiPlaceholder.Date],
  [/\b(?:19|20)\d{2}-\d{2}-\d{2}\b/g, PhiPlaceholder.Date],
  [/\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b/g, PhiPlaceholder.Date],
  [
    /\b\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{4}\b/gi,
    PhiPlaceholder.Date,
  ],
  [
    /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b/gi,
    PhiPlaceholder.Date,
  ],
  // Phone numbers, redacted whole: (555) 123-4567, 555.123.4567, 07700 900123, +44 (0)20 7946 0958, +447700900123.
  [phoneCandidate, (m: string) => (isPhoneNumber(m) ? PhiPlaceholder.Phone : m)],
  // Accession-like tokens: capitals followed by 5+ digits (A1234567, CT20240001), or 2-4 capitals and 4+ (SYN0001)
  [/\b(?:[A-Z]{1,4}\d{5,}|[A-Z]{2,4}\d{4,})\b/g, PhiPlaceholder.Accession],
  // Any remaining run of 6+ digits is an identifier of some kind.
  [/\b\d{6,}\b/g, PhiPlaceholder.Id],
  // Names after a cue word.
  [
    new RegExp(`\\b(patient|pt\\.?|mr\\.?|mrs\\.?|ms\\.?|miss|mx\\.?|name(?:d| is|:)?)(\\s+)${NAME}`, 'g'),
    (_m, cue: string, sp: string) => `${cue}${sp}${PhiPlaceholder.Name}`,
  ],
  [
    new RegExp(`\\b(Patient|Pt\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|Mx\\.?|Name:?)(\\s+)${NAME}`, 'g'),
    (_m, cue: string, sp: string) => `${cue}${sp}${PhiPlaceholder.Name}`,
  ],
  // A capitalised first and last name directly before a placeholder we already inserted ("John Smith, MRN [MRN]").
  [
    new RegExp(
      `\\b${FULL_NAME}(?=\\s*[,(]?\\s*(?:MRN|DOB|ACC|accession|born|\\[MRN\\]|\\[DATE\\]|\\[ACCESSION\\]))`,
      'g',
    ),
    PhiPlaceholder.Name,
  ],
];

/** Returns `text` with patient identifiers replaced by placeholders such as `[MRN]` and `[NAME]`. */
export function redactPhi(text: string): string {
  let out = text;
  for (const [pattern, replacement] of rules) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}

const placeholder = /\[(?:MRN|ACCESSION|DATE|PHONE|EMAIL|NAME|ID)\]/;
/** A label directly before a placeholder ("MRN [MRN]", "patient [NAME]"): noise once the value is gone. */
const labelBeforePlaceholder = new RegExp(
  `\\b(?:MRN|DOB|D\\.O\\.B\\.?|date of birth|born(?: on)?|acc(?:ession)?(?: number| no\\.?| #)?|ACC#?|patient(?: ?id)?|pt\\.?|mrs?\\.?|ms\\.?|miss|mx\\.?|name(?:d| is)?|hospital number|NHS number|UR number|medical record(?: number)?|pid|SSN|social security(?: number)?)\\s*(?:#|no\\.?|number|:|=|is)?\\s*(?=${placeholder.source})`,
  'gi',
);

/** Redacts, then drops the placeholders and their labels: for searching, where `[NAME]` would only add noise. */
export function withoutPhi(text: string): string {
  return stripPlaceholders(redactPhi(text));
}

/** Drops placeholders and the labels before them from already redacted text. */
export function stripPlaceholders(redacted: string): string {
  return redacted
    .replace(labelBeforePlaceholder, ' ')
    .replace(new RegExp(placeholder.source, 'g'), ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
