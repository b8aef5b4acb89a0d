import dimse from 'dcmjs-dimse';
import { type DimseOutcome, type DimsePeer, runDimse } from '../dimse/dimse-client.js';
import { EchoCause } from '../types.js';
import { badInput, checkWorklistQuery, dicomDay, isoStart, scheduledRange } from './worklist-query.js';
import { WorklistCause, type WorklistItem, type WorklistOutcome, type WorklistQuery } from './worklist-types.js';

const { Dataset, requests, constants } = dimse;

/** Empty values are return keys; matching keys are filled in by `worklistKeys`. Only what WorklistItem needs. */
function returnKeys(): Record<string, unknown> {
  return {
    AccessionNumber: '',
    PatientID: '',
    PatientName: '',
    PatientBirthDate: '',
    StudyInstanceUID: '',
    RequestedProcedureDescription: '',
    ScheduledProcedureStepSequence: [
      {
        Modality: '',
        ScheduledStationAETitle: '',
        ScheduledStationName: '',
        ScheduledProcedureStepStartDate: '',
        ScheduledProcedureStepStartTime: '',
        ScheduledProcedureStepStatus: '',
        ScheduledProcedureStepDescription: '',
      },
    ],
  };
}

/** The C-FIND identifier for a checked query (naturalized dcmjs keywords). */
export function worklistKeys(query: WorklistQuery): Record<string, unknown> {
  const keys = returnKeys();
  const step = (keys.ScheduledProcedureStepSequence as Record<string, unknown>[])[0] as Record<string, unknown>;
  if (query.by === 'accession') keys.AccessionNumber = query.accession;
  if (query.by === 'patient') keys.PatientID = query.patientId;
  if (query.by === 'station') {
    step.ScheduledStationAETitle = query.stationAet;
    step.ScheduledProcedureStepStartDate = dicomDay(query.date) ?? '';
  }
  if (query.by === 'scheduled') step.ScheduledProcedureStepStartDate = scheduledRange(query);
  return keys;
}

/** A Modality Worklist C-FIND request (the library's helper asks for ~40 keys, allergies included: we ask for ours). */
function worklistRequest(keys: Record<string, unknown>) {
  const request = new requests.CFindRequest();
  request.setAffectedSopClassUid(constants.SopClass.ModalityWorklistInformationModelFind);
  request.setDataset(new Dataset(keys));
  return request;
}

function text(value: unknown): string | undefined {
  let v = Array.isArray(value) ? value[0] : value;
  if (v !== null && typeof v === 'object') v = (v as { Alphabetic?: unknown }).Alphabetic;
  const s = v === undefined || v === null ? '' : String(v).trim();
  return s === '' ? undefined : s;
}

/** One naturalized match → one item per Scheduled Procedure Step (at least one, even without the sequence). */
export function itemsOfMatch(match: Record<string, unknown>): WorklistItem[] {
  const raw = match.ScheduledProcedureStepSequence;
  const steps = (Array.isArray(raw) ? raw : raw ? [raw] : [{}]) as Record<string, unknown>[];
  return (steps.length > 0 ? steps : [{}]).map((step) => ({
    accession: text(match.AccessionNumber),
    modality: text(step.Modality),
    scheduledStationAet: text(step.ScheduledStationAETitle),
    scheduledStationName: text(step.ScheduledStationName),
    scheduledStart: isoStart(text(step.ScheduledProcedureStepStartDate), text(step.ScheduledProcedureStepStartTime)),
    status: text(step.ScheduledProcedureStepStatus)?.toUpperCase(),
    procedure: text(match.RequestedProcedureDescription) ?? text(step.ScheduledProcedureStepDescription),
    studyInstanceUid: text(match.StudyInstanceUID),
    patientId: text(match.PatientID),
    patientName: text(match.PatientName),
    patientBirthDate: isoStart(text(match.PatientBirthDate), undefined),
  }));
}

const causeOf: Record<string, WorklistCause> = {
  [EchoCause.Refused]: WorklistCause.Refused,
  [EchoCause.Timeout]: WorklistCause.Timeout,
  [EchoCause.Rejected]: WorklistCause.AssociationRejected,
  [EchoCause.Unreachable]: WorklistCause.Unreachable,
  [EchoCause.WrongProtocol]: WorklistCause.WrongProtocol,
};

/** runDimse's EchoCause → WorklistCause; a closed association after a non-success status is a failed C-FIND. */
function toOutcome(outcome: DimseOutcome): WorklistOutcome {
  if (outcome.ok) return { ok: true, items: outcome.matches.flatMap(itemsOfMatch), ms: outcome.ms };
  const cause =
    causeOf[outcome.cause ?? ''] ??
    (outcome.detail?.startsWith('status ') ? WorklistCause.Failed : WorklistCause.Other);
  return { ok: false, items: [], cause, ms: outcome.ms, detail: outcome.detail };
}

/**
 * Modality Worklist C-FIND (1.2.840.10008.5.1.4.31) on a fresh association. The whole lookup honours
 * `timeoutMs` once (unless `deadlineMs` says otherwise): a silent or trickling SCP is aborted then, not at 3×.
 * Bad input (wildcards, bad identifiers) is refused before any network call.
 * @example await findWorklist({ host: '10.0.0.9', port: 104, calledAet: 'RISWL', callingAet: 'PACSDESK', timeoutMs: 5000 }, { by: 'accession', accession: 'ACC123' })
 */
export async function findWorklist(peer: DimsePeer, query: WorklistQuery): Promise<WorklistOutcome> {
  const checked = checkWorklistQuery(query);
  if (!checked.ok) return badInput(checked.message);
  const bounded = { ...peer, deadlineMs: peer.deadlineMs ?? peer.timeoutMs };
  return toOutcome(await runDimse(bounded, worklistRequest(worklistKeys(checked.query))));
}
