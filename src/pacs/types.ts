/**
 * The PACS contract shared by connectors (Orthanc REST, DICOMweb QIDO-RS, dcm4chee-arc REST, DIMSE),
 * the checks, the audit trail, the Slack commands and the CLI. Field names here are relied on by the
 * CLI's JSON output (`pacs-desk pacs study --json` → `{"found","study":{...}}`).
 */

export const PacsKind = { Orthanc: 'orthanc', Dcm4chee: 'dcm4chee', DicomWeb: 'dicomweb' } as const;
export type PacsKind = (typeof PacsKind)[keyof typeof PacsKind];

/** A modality or remote archive the team may echo, by a friendly alias. Never an arbitrary host:port. */
export interface AeAlias {
  /** What people type: `/pacs echo ct3`. Lower-case letters, digits, dashes. */
  alias: string;
  description?: string;
  /** `pacs`: ask the archive to echo it (tests the archive→modality path); `direct`: C-ECHO from the bot. */
  via: 'pacs' | 'direct';
  /** For `via: pacs`: the archive's own name for it (Orthanc modality id, dcm4chee remote AET). */
  pacsName?: string;
  /** For `via: direct`: where it listens. */
  host?: string;
  port?: number;
  aet?: string;
}

export interface SiteConfig {
  /** Short id people type: `/pacs study ACC123 main`. */
  id: string;
  name: string;
  kind: PacsKind;
  /** REST base: Orthanc root, or dcm4chee `…/dcm4chee-arc`; absent for a plain DICOMweb archive. */
  restUrl?: string;
  /** QIDO-RS base, e.g. `…/dicom-web` (Orthanc) or `…/dcm4chee-arc/aets/DCM4CHEE/rs`. */
  dicomwebUrl?: string;
  auth?: { user: string; password: string } | { bearerToken: string };
  /** Direct DIMSE to the archive (C-ECHO, C-FIND) when it has no DICOMweb. */
  dimse?: { host: string; port: number; calledAet: string; callingAet: string };
  /** The Modality Worklist SCP (RIS, broker) for `/pacs worklist`; a dcm4chee site without it uses `/mwlitems`. */
  worklist?: { aet: string; host: string; port: number; callingAet: string };
  /** This archive's own AE title: where a prior fetched into it is sent (defaults to `dimse.calledAet`). */
  aet?: string;
  aliases: AeAlias[];
}

export interface StudyQuery {
  accession?: string;
  patientId?: string;
  /** DICOM date range `YYYYMMDD-YYYYMMDD` (either end may be open). */
  studyDate?: string;
  studyInstanceUid?: string;
  limit?: number;
}

export interface StudyRecord {
  site: string;
  studyInstanceUid: string;
  accession?: string;
  /** `YYYY-MM-DD`. */
  studyDate?: string;
  modalities: string[];
  description?: string;
  series?: number;
  instances?: number;
  /** PHI: only for audited, role-allowed views; masked everywhere else. */
  patientId?: string;
  /** PHI: DICOM PN `FAMILY^GIVEN`. */
  patientName?: string;
  /** ISO 8601 UTC: when the archive last received an instance of this study, if it says. */
  lastReceived?: string;
  /** False while instances are still arriving (Orthanc `IsStable`), if the archive says. */
  stable?: boolean;
}

export const TaskState = {
  Pending: 'pending',
  Running: 'running',
  Paused: 'paused',
  Succeeded: 'succeeded',
  Warning: 'warning',
  Failed: 'failed',
  Canceled: 'canceled',
} as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

/** One job or queued task of the archive (Orthanc job, dcm4chee queue/export/retrieve task). */
export interface QueueTask {
  id: string;
  /** Orthanc: `Type→RemoteAet` (e.g. `DicomModalityStore→STORESCP`); dcm4chee: queue name. */
  queue: string;
  kind: string;
  state: TaskState;
  rawState: string;
  /** ISO 8601 UTC. */
  createdAt?: string;
  updatedAt?: string;
  progress?: number;
  /** Destination AE / exporter. */
  target?: string;
  /** The archive's error text (may name hosts; never shown raw to clinicians). */
  error?: string;
  attempts?: number;
}

export const EchoCause = {
  Refused: 'refused',
  Timeout: 'timeout',
  WrongProtocol: 'wrong_protocol',
  Rejected: 'rejected',
  UnknownAlias: 'unknown_alias',
  Unreachable: 'unreachable',
  Other: 'other',
} as const;
export type EchoCause = (typeof EchoCause)[keyof typeof EchoCause];

/** `pacs-desk pacs echo ALIAS --json` → `{"ok","ms","cause"?}`. */
export interface EchoResult {
  ok: boolean;
  ms: number;
  cause?: EchoCause;
}

export interface SiteStatus {
  site: string;
  reachable: boolean;
  latencyMs?: number;
  version?: string;
  storage?: { studies: number; instances: number; diskMb?: number };
  backlog?: { pending: number; running: number; failed: number };
  /** A short, host-free reason when unreachable. */
  problem?: string;
}

/** One archive. Reads may be retried; writes (retry/cancel) never are, and exist only where supported. */
export interface PacsConnector {
  readonly site: SiteConfig;
  findStudies(query: StudyQuery): Promise<StudyRecord[]>;
  listTasks(options?: { limit?: number }): Promise<QueueTask[]>;
  echo(alias: AeAlias): Promise<EchoResult>;
  status(): Promise<SiteStatus>;
  retryTask?(taskId: string): Promise<void>;
  cancelTask?(taskId: string): Promise<void>;
  /** Asks this archive to send one study to the DICOM node titled `destinationAet` (fetching a prior). */
  sendStudy?(studyInstanceUid: string, destinationAet: string): Promise<void>;
}
