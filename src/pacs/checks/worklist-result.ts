import type { AccessedStudy } from '../../audit/with-audit.js';
import { BotError, ErrorCode } from '../../core/errors.js';
import type { StationSummary } from '../worklist/worklist-hints.js';
import { WorklistCause, type WorklistItem, type WorklistOutcome } from '../worklist/worklist-types.js';

/** `/pacs worklist ACC|mrn:ID`: the items found (PHI: mask before display) and the hints. */
export interface WorklistLookupResult {
  kind: 'lookup';
  by: 'accession' | 'mrn';
  site: string;
  found: boolean;
  /** Holds PHI: pass through `maskWorklistItem` before display. */
  items: WorklistItem[];
  /** Plain-language reasons it may not be on the scanner; no patient data. */
  hints: string[];
  ms: number;
}

/** `/pacs worklist station CT3 [date]`: counts only, no item and no patient data. */
export interface WorklistStationResult {
  kind: 'station';
  site: string;
  station: string;
  summary: StationSummary;
  ms: number;
}

export type WorklistCheckResult = WorklistLookupResult | WorklistStationResult;

/**
 * What the audit trail records as shown: one Instances Accessed record per patient, with the Study Instance UIDs
 * the orders will be acquired under (an item without one is named by its accession). A station summary shows none.
 */
export function shownWorklistItems(result: WorklistCheckResult): AccessedStudy[] {
  if (result.kind === 'station') return [];
  const seen = new Set<string>();
  const shown: AccessedStudy[] = [];
  for (const item of result.items) {
    const studyInstanceUid = item.studyInstanceUid ?? `accession:${item.accession ?? 'none'}`;
    const key = `${item.patientId ?? ''}\u0000${studyInstanceUid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    shown.push({ patientId: item.patientId, studyInstanceUid });
  }
  return shown;
}

/** Why the worklist provider gave no answer, in words an associate can act on (no host, port or stack). */
const causeText: Record<WorklistCause, string> = {
  bad_input: 'the request was refused before it was sent',
  refused: 'the connection was refused (nothing listens on its port): check that the RIS/worklist broker runs',
  timeout: 'it did not answer in time (timeout): check that it runs and that the network lets us through',
  association_rejected:
    'it rejected the association: check the called AE title and that it accepts our AE title (PACS_CALLING_AET)',
  unreachable: 'its host could not be reached (unknown name or no route)',
  wrong_protocol: 'what answers on its port does not speak DICOM: check the port',
  failed: 'it answered the query with a failure status',
  auth_failed: 'it refused the bot’s credentials',
  bad_response: 'it gave an answer the bot does not understand',
  other: 'the lookup failed',
};

/** A failed lookup as a BotError: the user message names the site and the cause; the log message has the cause code only. */
export class WorklistUnavailable extends BotError {
  readonly worklistCause: WorklistCause;
  /** What the audit trail records for the failed query (`pacs_worklist_timeout`…). */
  readonly pacsCode: string;

  constructor(site: string, outcome: WorklistOutcome) {
    const cause = outcome.cause ?? WorklistCause.Other;
    const userMessage =
      cause === WorklistCause.BadInput
        ? (outcome.detail ?? 'That input is not valid.')
        : `The worklist of site ${site} did not answer: ${causeText[cause]}.`;
    super(cause === WorklistCause.BadInput ? ErrorCode.BadInput : ErrorCode.PacsUnavailable, `worklist ${cause}`, {
      userMessage,
    });
    this.name = 'WorklistUnavailable';
    this.worklistCause = cause;
    this.pacsCode = `pacs_worklist_${cause}`;
  }
}
