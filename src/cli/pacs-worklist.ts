import { Role } from '../core/roles.js';
import { maskWorklistItem } from '../pacs/checks/mask-worklist.js';
import type { WorklistCheckResult } from '../pacs/checks/worklist-result.js';

/**
 * The JSON contract of `pacs-desk pacs worklist`: `{"found","items":[{"accession","modality","scheduledStationAet",
 * "scheduledStationName","scheduledStart","status","procedure",…patient fields}],"hints":[…]}`, identifiers masked
 * unless `--show-phi`; a station's day: `{"station","date","count","latestStart","summary"}`.
 */
export function worklistJson(result: WorklistCheckResult, showPhi: boolean): unknown {
  if (result.kind === 'station') {
    const s = result.summary;
    return {
      site: result.site,
      station: result.station,
      date: s.date,
      count: s.count,
      latestStart: s.latestStart ?? null,
      summary: s.text,
    };
  }
  const items = result.items.map((item) => {
    const m = maskWorklistItem(item, Role.Admin, { showPhi });
    return {
      accession: m.accession ?? null,
      modality: m.modality ?? null,
      scheduledStationAet: m.scheduledStationAet ?? null,
      scheduledStationName: m.scheduledStationName ?? null,
      scheduledStart: m.scheduledStart ?? null,
      status: m.status ?? null,
      procedure: m.procedure ?? null,
      patientName: m.patientName ?? null,
      patientId: m.patientId ?? null,
      ...(showPhi
        ? { patientBirthDate: m.patientBirthDate ?? null, studyInstanceUid: m.studyInstanceUid ?? null }
        : {}),
    };
  });
  return { found: result.found, site: result.site, items, hints: result.hints };
}
