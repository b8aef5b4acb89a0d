/**
 * The Modality Worklist contract shared by the DIMSE (C-FIND, SOP class 1.2.840.10008.5.1.4.31) and the
 * dcm4chee-arc `/mwlitems` lookups, the hints and (next) the `/pacs worklist` check. Field names are relied
 * on by the CLI's JSON output (`{"found","items":[…],"hints":[…]}`).
 */

/** One Scheduled Procedure Step of a worklist entry (an entry with two steps gives two items). */
export interface WorklistItem {
  accession?: string;
  /** Modality (0008,0060) of the step: CT, MR… */
  modality?: string;
  /** Scheduled Station AE Title (0040,0001). */
  scheduledStationAet?: string;
  /** Scheduled Station Name (0040,0010). */
  scheduledStationName?: string;
  /** Local `YYYY-MM-DDTHH:MM`; `YYYY-MM-DD` when the step has a date but no time. */
  scheduledStart?: string;
  /** Scheduled Procedure Step Status (0040,0020), upper case: SCHEDULED, ARRIVED, STARTED… */
  status?: string;
  /** Requested Procedure Description (0032,1060), else the step description (0040,0007). */
  procedure?: string;
  /** Study Instance UID (0020,000D) the order will be acquired under: what the audit trail records. */
  studyInstanceUid?: string;
  /** PHI: for masking by the check; never logged. */
  patientId?: string;
  /** PHI: DICOM PN `FAMILY^GIVEN`. */
  patientName?: string;
  /** PHI: `YYYY-MM-DD`. */
  patientBirthDate?: string;
}

/** What to look up: one accession, one patient, one station's day, or every step scheduled in a span of days. */
export type WorklistQuery =
  | { by: 'accession'; accession: string }
  | { by: 'patient'; patientId: string }
  /** `date` is `YYYY-MM-DD` (local). */
  | { by: 'station'; stationAet: string; date: string }
  /** Scheduled Procedure Step Start Date from `from` to `to` (`YYYY-MM-DD`, local, both included): the sweeps. */
  | { by: 'scheduled'; from: string; to: string };

export const WorklistCause = {
  /** Refused or rejected before any network call (wildcard, bad identifier). */
  BadInput: 'bad_input',
  Refused: 'refused',
  Timeout: 'timeout',
  AssociationRejected: 'association_rejected',
  Unreachable: 'unreachable',
  WrongProtocol: 'wrong_protocol',
  /** The SCP answered the C-FIND with a failure status. */
  Failed: 'failed',
  /** REST: the archive refused our credentials. */
  AuthFailed: 'auth_failed',
  /** REST: an answer we cannot read, or an HTTP error. */
  BadResponse: 'bad_response',
  Other: 'other',
} as const;
export type WorklistCause = (typeof WorklistCause)[keyof typeof WorklistCause];

export interface WorklistOutcome {
  ok: boolean;
  /** Empty when not ok. */
  items: WorklistItem[];
  cause?: WorklistCause;
  /** Elapsed wall time of the lookup. */
  ms: number;
  /** Low-level reason for logs (may name a host; never PHI); never for Slack. For `bad_input`: the safe message. */
  detail?: string;
}
