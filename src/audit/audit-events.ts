/**
 * Audit events shaped after DICOM PS3.15 A.5.3 / IHE ATNA. The audit store is the one protected place where
 * patient identifiers (query parameters, patient id, Study Instance UIDs) may be kept; `description` never holds PHI.
 */
export const AuditEvent = {
  /** A.5.3.10: a query was issued (records the issuing, not the response). */
  Query: { id: '110112', meaning: 'Query', action: 'E' },
  /** A.5.3.6: study data was shown; one record per patient. */
  InstancesAccessed: { id: '110103', meaning: 'DICOM Instances Accessed', action: 'R' },
  /** A.5.3.11: rejected input, forbidden role, configuration or role changes; `type` from CID 403. */
  SecurityAlert: { id: '110113', meaning: 'Security Alert', action: 'E' },
  /** A.5.3.2: someone read or exported the audit log itself. */
  AuditLogUsed: { id: '110101', meaning: 'Audit Log Used', action: 'R' },
  /** A.5.3.1: application start/stop, and side-effecting PACS actions (task retry/cancel) with a local type code. */
  ApplicationActivity: { id: '110100', meaning: 'Application Activity', action: 'E' },
  /** A.5.3.7: the bot made the archive send study data elsewhere (e.g. re-sending a forward). */
  Export: { id: '110106', meaning: 'Export', action: 'R' },
} as const;
export type AuditEventName = keyof typeof AuditEvent;

/** EventTypeCode values: CID 403 (Security Alert), CID 150 (Application Activity), and local `99PACSDESK` codes. */
export const AuditEventType = {
  NodeAuthentication: { code: '110126', scheme: 'DCM', meaning: 'Node Authentication' },
  SoftwareConfiguration: { code: '110131', scheme: 'DCM', meaning: 'Software Configuration' },
  UseOfRestrictedFunction: { code: '110132', scheme: 'DCM', meaning: 'Use of Restricted Function' },
  AuditRecordingStopped: { code: '110133', scheme: 'DCM', meaning: 'Audit Recording Stopped' },
  AuditRecordingStarted: { code: '110134', scheme: 'DCM', meaning: 'Audit Recording Started' },
  SecurityRolesChanged: { code: '110136', scheme: 'DCM', meaning: 'Security Roles Changed' },
  EmergencyOverrideStarted: { code: '110127', scheme: 'DCM', meaning: 'Emergency Override Started' },
  EmergencyOverrideStopped: { code: '110138', scheme: 'DCM', meaning: 'Emergency Override Stopped' },
  ApplicationStart: { code: '110120', scheme: 'DCM', meaning: 'Application Start' },
  ApplicationStop: { code: '110121', scheme: 'DCM', meaning: 'Application Stop' },
  /** Local: a user asked the archive to retry one of its tasks. */
  PacsTaskRetried: { code: 'PD001', scheme: '99PACSDESK', meaning: 'PACS Task Retried' },
  /** Local: a user asked the archive to cancel one of its tasks. */
  PacsTaskCancelled: { code: 'PD002', scheme: '99PACSDESK', meaning: 'PACS Task Cancelled' },
  /** Local: a user had a study sent from one archive to another (a prior fetched to the main site). */
  PacsStudyFetched: { code: 'PD003', scheme: '99PACSDESK', meaning: 'PACS Study Fetched' },
} as const;
export type AuditEventTypeName = keyof typeof AuditEventType;

/** The names of the event types, as constants: `audit: { type: AuditType.PacsTaskRetried }`. */
export const AuditType = {
  NodeAuthentication: 'NodeAuthentication',
  SoftwareConfiguration: 'SoftwareConfiguration',
  UseOfRestrictedFunction: 'UseOfRestrictedFunction',
  AuditRecordingStopped: 'AuditRecordingStopped',
  AuditRecordingStarted: 'AuditRecordingStarted',
  SecurityRolesChanged: 'SecurityRolesChanged',
  EmergencyOverrideStarted: 'EmergencyOverrideStarted',
  EmergencyOverrideStopped: 'EmergencyOverrideStopped',
  ApplicationStart: 'ApplicationStart',
  ApplicationStop: 'ApplicationStop',
  PacsTaskRetried: 'PacsTaskRetried',
  PacsTaskCancelled: 'PacsTaskCancelled',
  PacsStudyFetched: 'PacsStudyFetched',
} as const satisfies { [Name in AuditEventTypeName]: Name };

/** RFC 3881 / DICOM EventOutcomeIndicator. */
export const AuditOutcome = { Success: 0, MinorFailure: 4, SeriousFailure: 8, MajorFailure: 12 } as const;
export type AuditOutcome = (typeof AuditOutcome)[keyof typeof AuditOutcome];

export const AuditSource = { Slack: 'slack', Cli: 'cli', Monitor: 'monitor' } as const;
export type AuditSource = (typeof AuditSource)[keyof typeof AuditSource];

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

/**
 * Who did it: the signed Slack ids (never a display name), or `cli:<os user>` / `monitor:<name>`. This is the
 * person the work was done for (ATNA active participant with UserIsRequestor = true).
 */
export interface AuditActor {
  userId: string;
  teamId?: string;
  /**
   * The process that acted for that person, when it was not the person's own request (e.g. `pacs-desk` running the
   * automatic checks of a ticket): ATNA's second active participant, UserIsRequestor = false. Stored in the record's
   * query object under `agent` (no schema change; covered by the hash chain like every other field).
   */
  agent?: string;
}

/** Query parameters as validated, e.g. `{ accession: 'A123', limit: 6 }`. */
export type AuditQuery = Record<string, string | number | boolean | null>;

/** What a caller hands to `AuditLog.append`. */
export interface AuditEventInput {
  event: AuditEventName;
  type?: AuditEventTypeName;
  outcome: AuditOutcome;
  actor: AuditActor;
  source: AuditSource;
  /** PACS site id (the destination of a query or action). */
  site?: string;
  /** Check or command id, e.g. `pacs.study`. */
  command?: string;
  query?: AuditQuery;
  patientId?: string;
  studyUids?: string[];
  /** PHI-free; redacted again before storing as a second line of defence. */
  description: string;
  /** Slack `event_id` / `trigger_id` or the reference id shown to the user; shared by one lookup's records. */
  correlationId?: string;
}

/** One stored, hash-chained audit record. */
export interface AuditRecord {
  /** Position in the chain, from 1, without gaps. */
  id: number;
  /** UTC, ISO 8601 with milliseconds. */
  recordedAt: string;
  eventId: string;
  eventMeaning: string;
  action: AuditAction;
  eventTypeCode: string | null;
  eventTypeMeaning: string | null;
  outcome: AuditOutcome;
  actorUserId: string;
  actorTeamId: string | null;
  /** The acting process when it was not the person's own request (see `AuditActor.agent`), else null. */
  agent: string | null;
  source: AuditSource;
  site: string | null;
  command: string | null;
  query: AuditQuery | null;
  patientId: string | null;
  studyUids: string[];
  description: string;
  correlationId: string | null;
  prevHash: string;
  hash: string;
}
