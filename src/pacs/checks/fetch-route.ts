import { cMoveStudy } from '../dimse/dimse-client.js';
import { dimseError } from '../dimse/dimse-connector.js';
import { PacsError, PacsErrorCode } from '../http/pacs-error.js';
import { writesAllowed } from './check-settings.js';
import type { CheckContext } from './check-types.js';

/** How a study leaves an archive: its own REST API (Orthanc) or a C-MOVE the bot sends it. */
export const SendRoute = { Rest: 'rest', CMove: 'c-move' } as const;
export type SendRoute = (typeof SendRoute)[keyof typeof SendRoute];

/** The main site, when priors may be fetched into it: writes on and its AE title known (site `aet` or `dimse`). */
export function fetchDestination(ctx: CheckContext): string | undefined {
  if (!writesAllowed(ctx.settings)) return undefined;
  return ctx.connectors.get(ctx.defaultSite)?.site.aet ? ctx.defaultSite : undefined;
}

/** How `site` can send a study, if it can at all. */
export function sendRoute(ctx: CheckContext, site: string): SendRoute | undefined {
  const connector = ctx.connectors.get(site);
  if (connector?.sendStudy) return SendRoute.Rest;
  return connector?.site.dimse ? SendRoute.CMove : undefined;
}

/**
 * Starts sending one study from `from` to the node titled `destinationAet`. Through REST this returns once the
 * archive has queued the job; a C-MOVE returns when the archive reports the move finished (or the wait ran out).
 */
export async function sendStudy(
  ctx: CheckContext,
  from: string,
  studyInstanceUid: string,
  destinationAet: string,
): Promise<void> {
  const connector = ctx.connectors.get(from);
  if (connector?.sendStudy) return connector.sendStudy(studyInstanceUid, destinationAet);
  const dimse = connector?.site.dimse;
  if (!dimse) throw new PacsError(PacsErrorCode.Unsupported, `${from}: cannot send studies`);
  const outcome = await cMoveStudy(
    { ...dimse, timeoutMs: 10_000, deadlineMs: ctx.settings.fetchWaitMs },
    destinationAet,
    studyInstanceUid,
  );
  if (!outcome.ok) throw dimseError(outcome, `${from} C-MOVE`);
}
