import { BotError, ErrorCode } from '../../core/errors.js';
import { type ConnectorDeps, defaultEchoTimeoutMs } from '../connectors/connector-deps.js';
import { isoDate } from '../connectors/dicom-json.js';
import { echoDirect } from '../connectors/direct-echo.js';
import { buildQidoQuery, byDateDesc, defaultStudyLimit } from '../connectors/qido-search.js';
import { PacsError, PacsErrorCode } from '../http/pacs-error.js';
import type { PacsConnector, SiteConfig, StudyQuery, StudyRecord } from '../types.js';
import { EchoCause } from '../types.js';
import { cEcho, cFindStudies, type DimseOutcome, type DimsePeer } from './dimse-client.js';

/** The keys a study C-FIND asks back (an empty value is a return key). */
const returnKeys = [
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'AccessionNumber',
  'PatientID',
  'PatientName',
  'StudyDescription',
  'ModalitiesInStudy',
  'NumberOfStudyRelatedSeries',
  'NumberOfStudyRelatedInstances',
] as const;

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function str(value: unknown): string | undefined {
  let v = first(value);
  if (v !== null && typeof v === 'object') v = (v as { Alphabetic?: unknown }).Alphabetic;
  const s = v === undefined || v === null ? '' : String(v).trim();
  return s === '' ? undefined : s;
}

function num(value: unknown): number | undefined {
  const n = Number(first(value));
  return str(value) !== undefined && Number.isFinite(n) ? n : undefined;
}

/** A naturalized C-FIND match (dcmjs keywords) → StudyRecord. */
export function parseFindMatch(m: Record<string, unknown>, site: string): StudyRecord | undefined {
  const studyInstanceUid = str(m.StudyInstanceUID);
  if (!studyInstanceUid) return undefined;
  const modalities = Array.isArray(m.ModalitiesInStudy)
    ? m.ModalitiesInStudy.map(String)
    : (str(m.ModalitiesInStudy)?.split('\\') ?? []);
  return {
    site,
    studyInstanceUid,
    accession: str(m.AccessionNumber),
    studyDate: isoDate(str(m.StudyDate)),
    modalities: modalities.map((x) => x.trim()).filter(Boolean),
    description: str(m.StudyDescription),
    series: num(m.NumberOfStudyRelatedSeries),
    instances: num(m.NumberOfStudyRelatedInstances),
    patientId: str(m.PatientID),
    patientName: str(m.PatientName),
  };
}

/** A failed association → PacsError, with a host-free message. */
export function dimseError(outcome: DimseOutcome, label: string): PacsError {
  switch (outcome.cause) {
    case EchoCause.Timeout:
      return new PacsError(PacsErrorCode.Timeout, `${label}: no DICOM answer within the timeout`);
    case EchoCause.Refused:
    case EchoCause.Unreachable:
      return new PacsError(PacsErrorCode.Unreachable, `${label}: DICOM connection ${outcome.cause}`);
    case EchoCause.Rejected:
      return new PacsError(PacsErrorCode.Rejected, `${label}: association rejected (is the calling AET registered?)`);
    default:
      return new PacsError(PacsErrorCode.BadResponse, `${label}: DICOM request failed (${outcome.cause ?? 'other'})`);
  }
}

/**
 * An archive reached only by DIMSE (`site.dimse`): study C-FIND, C-ECHO for status. No task queue.
 * Note: the archive must know our calling AET for C-FIND (Orthanc: listed in DicomModalities).
 * @example createDimseConnector({ id: 'old', name: 'Old PACS', kind: 'dicomweb', dimse: { host: '10.0.0.5', port: 104, calledAet: 'OLDPACS', callingAet: 'PACSDESK' }, aliases: [] }, { fetch })
 */
export function createDimseConnector(site: SiteConfig, deps: ConnectorDeps): PacsConnector {
  const dimse = site.dimse;
  if (!dimse) throw new BotError(ErrorCode.ConfigInvalid, `site ${site.id}: a DIMSE site needs dimse host/port/AETs`);
  const peer: DimsePeer = { ...dimse, timeoutMs: deps.echoTimeoutMs ?? defaultEchoTimeoutMs };

  async function findStudies(query: StudyQuery): Promise<StudyRecord[]> {
    buildQidoQuery(query); // same validation as QIDO: no universal matches, no wildcards
    const keys: Record<string, string> = Object.fromEntries(returnKeys.map((k) => [k, '']));
    if (query.accession) keys.AccessionNumber = query.accession.trim();
    if (query.patientId) keys.PatientID = query.patientId.trim();
    if (query.studyInstanceUid) keys.StudyInstanceUID = query.studyInstanceUid.trim();
    if (query.studyDate) keys.StudyDate = query.studyDate.trim();
    const outcome = await cFindStudies(peer, keys);
    if (!outcome.ok) throw dimseError(outcome, `${site.id} C-FIND`);
    return outcome.matches
      .map((m) => parseFindMatch(m, site.id))
      .filter((s): s is StudyRecord => s !== undefined)
      .sort(byDateDesc)
      .slice(0, query.limit ?? defaultStudyLimit);
  }

  return {
    site,
    findStudies,
    async listTasks() {
      throw new PacsError(PacsErrorCode.Unsupported, `${site.id}: a DIMSE-only archive has no task queue`);
    },
    async echo(alias) {
      if (alias.via === 'direct') return echoDirect(alias, deps);
      throw new PacsError(PacsErrorCode.Unsupported, `${site.id}: a DIMSE-only archive cannot echo on our behalf`);
    },
    async status() {
      const outcome = await cEcho(peer);
      if (outcome.ok) return { site: site.id, reachable: true, latencyMs: outcome.ms };
      return { site: site.id, reachable: false, problem: dimseError(outcome, site.id).userMessage };
    },
  };
}
