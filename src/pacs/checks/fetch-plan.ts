import { z } from 'zod';
import type { StudyRecord } from '../types.js';
import { writesAllowed } from './check-settings.js';
import type { CheckContext } from './check-types.js';
import { sendRoute } from './fetch-route.js';

/** A DICOM UID: digit groups joined by dots, at most 64 characters (PS3.5 §9.1; leading zeros tolerated). */
export const uidPattern = /^[0-9]+(\.[0-9]+)*$/;

export const fetchArgs = z.object({
  studyInstanceUid: z.string().max(64).regex(uidPattern),
  from: z.string().min(1).max(32),
  to: z.string().min(1).max(32).optional(),
});
export type FetchArgs = z.infer<typeof fetchArgs>;

export const FetchRefusal = {
  WritesDisabled: 'writes_disabled',
  NoDestination: 'no_destination',
  SameSite: 'same_site',
  Unsupported: 'unsupported',
  NotFound: 'not_found',
  AlreadyThere: 'already_there',
  Failed: 'failed',
} as const;
export type FetchRefusal = (typeof FetchRefusal)[keyof typeof FetchRefusal];

export type FetchPlan =
  | { ok: true; from: string; to: string; destinationAet: string; study: StudyRecord; description: string }
  | { ok: false; from: string; to: string; reason: FetchRefusal; message: string };

/** What the confirm button says: modality, date and size, never the patient or the accession. */
export function describeFetch(study: StudyRecord, from: string, to: string): string {
  const what = study.modalities.length ? study.modalities.join('/') : 'unknown-modality';
  const size = `${study.series ?? '?'} series, ${study.instances ?? '?'} instances`;
  return `Fetch the ${what} study of ${study.studyDate ?? 'unknown date'} (${size}) from ${from} to ${to}`;
}

/** One study by its UID on one site, or undefined. */
async function studyOn(ctx: CheckContext, site: string, uid: string): Promise<StudyRecord | undefined> {
  const records = await ctx.connectors.get(site)?.findStudies({ studyInstanceUid: uid, limit: 2 });
  return records?.find((r) => r.studyInstanceUid === uid);
}

/**
 * Everything that can be checked before a fetch: writes on, two different sites, the destination's AE title, a
 * way for the source to send, the study on the source, and not already complete on the destination. Sends nothing.
 */
export async function planFetch(ctx: CheckContext, args: FetchArgs): Promise<FetchPlan> {
  const to = args.to ?? ctx.defaultSite;
  const { from } = args;
  const refuse = (reason: FetchRefusal, message: string): FetchPlan => ({ ok: false, from, to, reason, message });
  if (!writesAllowed(ctx.settings)) {
    return refuse(FetchRefusal.WritesDisabled, 'Fetching is switched off (PACS_ALLOW_WRITES). Nothing was sent.');
  }
  if (from === to) return refuse(FetchRefusal.SameSite, `The study would be fetched from ${from} to itself.`);
  const destinationAet = ctx.connectors.get(to)?.site.aet;
  if (!destinationAet) {
    return refuse(
      FetchRefusal.NoDestination,
      `Site ${to} has no AE title to send to: set its aet (or dimse) in PACS_CONFIG.`,
    );
  }
  if (!sendRoute(ctx, from)) {
    return refuse(
      FetchRefusal.Unsupported,
      `Site ${from} cannot send studies from PACS Desk (no REST move, no dimse).`,
    );
  }
  const study = await studyOn(ctx, from, args.studyInstanceUid);
  if (!study) return refuse(FetchRefusal.NotFound, `That study is not on ${from}. Run \`priors\` again.`);
  const there = await studyOn(ctx, to, args.studyInstanceUid).catch(() => undefined);
  if (there && (there.instances ?? 0) >= (study.instances ?? 0)) {
    return refuse(FetchRefusal.AlreadyThere, `That study is already on ${to} (${there.instances ?? 0} instances).`);
  }
  return { ok: true, from, to, destinationAet, study, description: describeFetch(study, from, to) };
}
