import { BotError, ErrorCode } from '../../core/errors.js';
import type { ConnectorDeps } from '../connectors/connector-deps.js';
import { httpClientFor, withBreakers } from '../connectors/connector-deps.js';
import { type DicomJson, text } from '../connectors/dicom-json.js';
import { PacsError, PacsErrorCode } from '../http/pacs-error.js';
import type { PacsHttpClient } from '../http/pacs-http-client.js';
import type { SiteConfig } from '../types.js';
import { badInput, checkWorklistQuery, dicomDay, isoStart, scheduledRange } from './worklist-query.js';
import { WorklistCause, type WorklistItem, type WorklistOutcome, type WorklistQuery } from './worklist-types.js';

const T = {
  AccessionNumber: '00080050',
  Modality: '00080060',
  PatientName: '00100010',
  PatientID: '00100020',
  PatientBirthDate: '00100030',
  StudyInstanceUID: '0020000D',
  RequestedProcedureDescription: '00321060',
  ScheduledStationAETitle: '00400001',
  StartDate: '00400002',
  StartTime: '00400003',
  StepDescription: '00400007',
  ScheduledStationName: '00400010',
  StepStatus: '00400020',
  ScheduledProcedureStepSequence: '00400100',
} as const;

/** Most items an accession/patient/station lookup reads (a station's day stays well under it). */
const limit = 200;
/** Most items a `scheduled` span reads: weeks of a whole department's orders. */
export const scheduledLimit = 10_000;

/** The MWL-RS query string: QIDO-style attribute matching, sequence members as `Sequence.Member`. */
export function mwlQueryString(query: WorklistQuery): string {
  const params = new URLSearchParams();
  if (query.by === 'accession') params.set('AccessionNumber', query.accession);
  if (query.by === 'patient') params.set('PatientID', query.patientId);
  if (query.by === 'station') {
    params.set('ScheduledProcedureStepSequence.ScheduledStationAETitle', query.stationAet);
    params.set('ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate', dicomDay(query.date) ?? '');
  }
  if (query.by === 'scheduled') {
    params.set('ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate', scheduledRange(query));
  }
  params.set('includefield', 'all');
  params.set('limit', String(query.by === 'scheduled' ? scheduledLimit : limit));
  return params.toString();
}

/** One DICOM JSON MWL item → one WorklistItem per Scheduled Procedure Step. */
export function itemsOfMwl(json: DicomJson): WorklistItem[] {
  const steps = (json[T.ScheduledProcedureStepSequence]?.Value ?? []) as DicomJson[];
  return (steps.length > 0 ? steps : [{}]).map((step) => ({
    accession: text(json, T.AccessionNumber),
    modality: text(step, T.Modality),
    scheduledStationAet: text(step, T.ScheduledStationAETitle),
    scheduledStationName: text(step, T.ScheduledStationName),
    scheduledStart: isoStart(text(step, T.StartDate), text(step, T.StartTime)),
    status: text(step, T.StepStatus)?.toUpperCase(),
    procedure: text(json, T.RequestedProcedureDescription) ?? text(step, T.StepDescription),
    studyInstanceUid: text(json, T.StudyInstanceUID),
    patientId: text(json, T.PatientID),
    patientName: text(json, T.PatientName),
    patientBirthDate: isoStart(text(json, T.PatientBirthDate), undefined),
  }));
}

const causeOf: Partial<Record<PacsErrorCode, WorklistCause>> = {
  [PacsErrorCode.Timeout]: WorklistCause.Timeout,
  [PacsErrorCode.Unreachable]: WorklistCause.Unreachable,
  [PacsErrorCode.CircuitOpen]: WorklistCause.Unreachable,
  [PacsErrorCode.AuthFailed]: WorklistCause.AuthFailed,
};

function failure(error: unknown, ms: number): WorklistOutcome {
  if (!(error instanceof PacsError)) {
    return { ok: false, items: [], cause: WorklistCause.Other, ms, detail: String(error).split('\n')[0] };
  }
  // undici puts the socket error in `cause`: a closed port is as clear a "refused" as over DIMSE.
  const refused = /ECONNREFUSED/.test(error.message);
  const cause = refused ? WorklistCause.Refused : (causeOf[error.pacsCode] ?? WorklistCause.BadResponse);
  return { ok: false, items: [], cause, ms, detail: error.message };
}

export interface WorklistSource {
  find(query: WorklistQuery): Promise<WorklistOutcome>;
}

/**
 * dcm4chee-arc-light MWL-RS: `GET {restUrl}/aets/{aet}/rs/mwlitems?…` answers DICOM JSON (204 or `[]` when
 * nothing matches). Bad input is refused before any HTTP call.
 * @example dcm4cheeMwl(rest, 'DCM4CHEE').find({ by: 'accession', accession: 'ACC123' })
 */
export function dcm4cheeMwl(rest: PacsHttpClient, aet: string): WorklistSource {
  return {
    async find(query) {
      const checked = checkWorklistQuery(query);
      if (!checked.ok) return badInput(checked.message);
      const t0 = performance.now();
      const ms = () => Math.round(performance.now() - t0);
      try {
        const body = await rest.get<unknown>(
          `/aets/${encodeURIComponent(aet)}/rs/mwlitems`,
          mwlQueryString(checked.query),
        );
        if (body !== undefined && !Array.isArray(body)) {
          return failure(new PacsError(PacsErrorCode.BadResponse, 'mwlitems: the answer is not a list'), ms());
        }
        return { ok: true, items: ((body ?? []) as DicomJson[]).flatMap(itemsOfMwl), ms: ms() };
      } catch (error) {
        return failure(error, ms());
      }
    },
  };
}

/** The MWL of a dcm4chee site: its REST base and the archive AE title of its `dicomwebUrl` (default DCM4CHEE). */
export function createDcm4cheeMwl(site: SiteConfig, deps: ConnectorDeps): WorklistSource {
  if (!site.restUrl) throw new BotError(ErrorCode.ConfigInvalid, `site ${site.id}: a dcm4chee worklist needs restUrl`);
  const aet = /\/aets\/([^/]+)\/rs\/?$/.exec(site.dicomwebUrl ?? '')?.[1] ?? 'DCM4CHEE';
  return dcm4cheeMwl(httpClientFor(site, site.restUrl, withBreakers(deps)), aet);
}
