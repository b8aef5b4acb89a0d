import { Role } from '../core/roles.js';
import { maskStudy } from '../pacs/checks/mask-study.js';
import type { PriorsResult } from '../pacs/checks/priors.js';

/**
 * `pacs-desk pacs priors mrn:ID --json` → `{"priors":[{"site","studyDate","modalities","description","series",
 * "instances","studyInstanceUid"}], …}`. The patient is left out unless `--show-phi`; the UID stays, because it is
 * what an admin types after `/pacs fetch` (the CLI runs on the bot's host, never in a channel).
 */
export function priorsJson(r: PriorsResult, showPhi: boolean) {
  const priors = r.matches.map(({ record }, i) => {
    const m = maskStudy(record, Role.Admin, { showPhi });
    return {
      site: m.site,
      studyDate: m.studyDate ?? null,
      modalities: m.modalities,
      description: m.description ?? null,
      series: m.series ?? null,
      instances: m.instances ?? null,
      studyInstanceUid: record.studyInstanceUid,
      ...(showPhi ? { patientName: m.patientName ?? null, patientId: m.patientId ?? null } : {}),
      fetchable: r.fetchable[i] ?? false,
    };
  });
  return {
    found: r.found,
    tooMany: r.tooMany,
    priors,
    fetchTo: r.fetchTo ?? null,
    searched: r.searched,
    unreachable: r.unreachable,
  };
}
