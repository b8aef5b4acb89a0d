import { z } from 'zod';
import { defaultIdentifierRules, type IdentifierRule, validateAccession, validateMrn } from '../input/identifiers.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk } from '../input/input-result.js';
import { resolveSite } from '../input/sites.js';
import { splitArguments } from '../input/study-argument.js';
import { checkWorklistQuery } from '../worklist/worklist-query.js';

export const worklistUsage =
  'worklist ACCESSION [at:STATION] [site]  or  worklist mrn:PATIENT-ID [site]  or  worklist station AE-TITLE [YYYY-MM-DD] [site]';

const site = z.string().min(1).max(32).optional();
const station = z.string().regex(/^[A-Z0-9_.-]{1,16}$/);

/** A lookup (`at`: the station that does not see the order, for the hints) or a station's day. */
export const worklistArgs = z.union([
  z.object({ by: z.enum(['accession', 'mrn']), id: z.string().min(1).max(64), at: station.optional(), site }),
  z.object({ by: z.literal('station'), station, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), site }),
]);
export type WorklistArgs = z.infer<typeof worklistArgs>;

export interface WorklistParseOptions {
  siteIds: Iterable<string>;
  /** `YYYY-MM-DD`: the day a station query means without a date. */
  today: string;
  accession?: IdentifierRule;
  mrn?: IdentifierRule;
}

const usage = (lead = 'Usage:') => inputFail<never>(InputReason.Usage, InputProblem.Usage, `${lead} ${worklistUsage}`);

/** A station AE title or day, checked as the worklist layer will check it (no wildcards, a real day). */
function checkStation(stationAet: string, date: string): InputResult<{ station: string; date: string }> {
  const checked = checkWorklistQuery({ by: 'station', stationAet, date });
  if (checked.ok && checked.query.by === 'station') {
    return inputOk({ station: checked.query.stationAet, date: checked.query.date });
  }
  const problem = /[*?%]/.test(stationAet) ? InputProblem.Wildcard : InputProblem.Pattern;
  return inputFail(InputReason.Usage, problem, checked.ok ? 'Give a station AE title.' : checked.message);
}

function parseStation(tokens: string[], options: WorklistParseOptions): InputResult<WorklistArgs> {
  const [aet, ...rest] = tokens;
  if (aet === undefined) return usage('Give a station AE title.');
  const day = rest[0] !== undefined && /^\d/.test(rest[0]) ? rest.shift() : undefined;
  if (rest.length > 1) return usage();
  const checked = checkStation(aet.normalize('NFKC'), day ?? options.today);
  if (!checked.ok) return checked;
  if (rest[0] === undefined) return inputOk({ by: 'station', ...checked.value });
  const s = resolveSite(rest[0], options.siteIds);
  return s.ok ? inputOk({ by: 'station', ...checked.value, site: s.value }) : s;
}

/**
 * Parses the text after `/pacs worklist`. Identifiers, station AE titles and days are validated here, so
 * wildcards and query syntax are refused with a clear message before any DICOM or HTTP call.
 * @example parseWorklistArgument('station ct3 2026-12-01', { siteIds: ['main'], today: '2026-12-01' })
 *   → { ok: true, value: { by: 'station', station: 'CT3', date: '2026-12-01' } }
 */
export function parseWorklistArgument(text: string, options: WorklistParseOptions): InputResult<WorklistArgs> {
  const tokens = splitArguments(text);
  const first = tokens.shift();
  if (first === undefined || /^(help|-h|--help|-\?)$/i.test(first)) return usage();
  if (first.toLowerCase() === 'station') return parseStation(tokens, options);
  const head = first.slice(0, 8).normalize('NFKC').toLowerCase();
  const isMrn = head.startsWith('mrn:');
  const raw = isMrn || head.startsWith('acc:') ? first.normalize('NFKC').slice(4) : first;
  const id = isMrn
    ? validateMrn(raw, options.mrn ?? defaultIdentifierRules.mrn)
    : validateAccession(raw, options.accession ?? defaultIdentifierRules.accession);
  if (!id.ok) return id;
  let at: string | undefined;
  let siteId: string | undefined;
  for (const token of tokens) {
    if (/^at:/i.test(token) && at === undefined) {
      const checked = checkStation(token.slice(3).normalize('NFKC'), options.today);
      if (!checked.ok) return checked;
      at = checked.value.station;
    } else if (siteId === undefined) {
      const s = resolveSite(token, options.siteIds);
      if (!s.ok) return s;
      siteId = s.value;
    } else return usage('Give one identifier, at most one station and one site.');
  }
  return inputOk({
    by: isMrn ? 'mrn' : 'accession',
    id: id.value,
    ...(at ? { at } : {}),
    ...(siteId ? { site: siteId } : {}),
  });
}
