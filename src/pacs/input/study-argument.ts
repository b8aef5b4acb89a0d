import { defaultIdentifierRules, type IdentifierRule, validateAccession, validateMrn } from './identifiers.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk } from './input-result.js';
import { resolveSite } from './sites.js';

/** A validated `/pacs study` argument: one identifier, optionally one site. */
export interface StudyArgument {
  by: 'accession' | 'mrn';
  id: string;
  site?: string;
}

/** What the parser needs: the configured site ids and the identifier rules. */
export interface StudyArgumentOptions {
  siteIds: Iterable<string>;
  accession?: IdentifierRule;
  mrn?: IdentifierRule;
}

/** Usage line shown for any malformed `study` argument. */
export const studyUsage = 'study ACCESSION [site]  or  study mrn:PATIENT-ID [site]';

const helpWords = new Set(['help', '-h', '--help', '-?']);

/**
 * Splits on ASCII spaces and tabs only: every other separator (NBSP, ideographic space, zero-width)
 * stays inside the token, where validation refuses it with a clear message.
 */
export function splitArguments(text: string): string[] {
  return text.split(/[ \t\r\n]+/).filter((t) => t !== '');
}

/**
 * Parses `ACC123 [site]` or `mrn:ID [site]` (prefix case-insensitive, also `acc:`).
 *
 * @example `parseStudyArgument('mrn:SYN-PAT-001 main', { siteIds: ['main'] })`
 *   → `{ ok: true, value: { by: 'mrn', id: 'SYN-PAT-001', site: 'main' } }`
 */
export function parseStudyArgument(text: string, options: StudyArgumentOptions): InputResult<StudyArgument> {
  const tokens = splitArguments(text);
  const [first, siteToken, ...extra] = tokens;
  if (first === undefined || helpWords.has(first.toLowerCase())) {
    return inputFail(InputReason.Usage, InputProblem.Usage, `Usage: ${studyUsage}`);
  }
  if (extra.length > 0) {
    return inputFail(
      InputReason.Usage,
      InputProblem.Usage,
      `Give one identifier and at most one site. Usage: ${studyUsage}`,
    );
  }
  const head = first.slice(0, 8).normalize('NFKC').toLowerCase();
  const isMrn = head.startsWith('mrn:');
  const raw = isMrn || head.startsWith('acc:') ? first.normalize('NFKC').slice(4) : first;
  const id = isMrn
    ? validateMrn(raw, options.mrn ?? defaultIdentifierRules.mrn)
    : validateAccession(raw, options.accession ?? defaultIdentifierRules.accession);
  if (!id.ok) return id;
  const by = isMrn ? 'mrn' : 'accession';
  if (siteToken === undefined) return inputOk({ by, id: id.value });
  const site = resolveSite(siteToken, options.siteIds);
  if (!site.ok) return site;
  return inputOk({ by, id: id.value, site: site.value });
}
