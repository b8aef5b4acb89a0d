import { AuditType } from '../../audit/audit-events.js';
import { Role } from '../../core/roles.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk } from '../input/input-result.js';
import { resolveSite } from '../input/sites.js';
import { splitArguments } from '../input/study-argument.js';
import { type CheckContext, CheckId, defineCheck } from './check-types.js';
import { type FetchArgs, FetchRefusal, fetchArgs, planFetch, uidPattern } from './fetch-plan.js';
import { sendStudy } from './fetch-route.js';

export const fetchUsage = 'fetch STUDY-UID from-site [to-site]';

export type FetchResult =
  | {
      ok: true;
      from: string;
      to: string;
      description: string;
      /** The study is complete on `to` (as many instances as on `from`). */
      arrived: boolean;
      instances: number;
      expected: number;
      waitedMs: number;
    }
  | { ok: false; from: string; to: string; reason: FetchRefusal; message: string };

/**
 * `UID from-site [to-site]`; the destination defaults to the main site.
 *
 * @example `parseFetchArgument('1.2.3 archive', ['main', 'archive'])` → `{ ok: true, value: { studyInstanceUid: '1.2.3', from: 'archive' } }`
 */
export function parseFetchArgument(text: string, siteIds: Iterable<string>): InputResult<FetchArgs> {
  const ids = [...siteIds];
  const [uid, fromToken, toToken, ...extra] = splitArguments(text);
  const usage = (why: string) => inputFail(InputReason.Usage, InputProblem.Usage, `${why} Usage: ${fetchUsage}`);
  if (uid === undefined || fromToken === undefined || extra.length > 0) return usage('Give a study UID and a site.');
  if (uid.length > 64 || !uidPattern.test(uid)) return usage('A study UID is digits and dots, up to 64 characters.');
  const from = resolveSite(fromToken, ids);
  if (!from.ok) return from;
  if (toToken === undefined) return inputOk({ studyInstanceUid: uid, from: from.value });
  const to = resolveSite(toToken, ids);
  return to.ok ? inputOk({ studyInstanceUid: uid, from: from.value, to: to.value }) : to;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the destination until the study has `expected` instances or the wait runs out; a failed poll is "not yet". */
async function waitForArrival(ctx: CheckContext, to: string, uid: string, expected: number) {
  const started = ctx.now();
  for (;;) {
    const records = await ctx.connectors
      .get(to)
      ?.findStudies({ studyInstanceUid: uid, limit: 2 })
      .catch(() => []);
    const instances = records?.find((r) => r.studyInstanceUid === uid)?.instances ?? 0;
    const waitedMs = ctx.now() - started;
    if (instances >= expected || waitedMs >= ctx.settings.fetchWaitMs) {
      return { arrived: instances >= expected, instances, waitedMs };
    }
    await pause(Math.min(ctx.settings.fetchPollMs, ctx.settings.fetchWaitMs - waitedMs));
  }
}

/** Plans again (the world may have changed since the confirm button), sends once (never retried), then waits. */
export async function fetchPrior(ctx: CheckContext, args: FetchArgs): Promise<FetchResult> {
  const plan = await planFetch(ctx, args);
  if (!plan.ok) return plan;
  const { from, to, study, description } = plan;
  try {
    await sendStudy(ctx, from, study.studyInstanceUid, plan.destinationAet);
  } catch {
    const message = `${from} did not accept the request to send the study. Check \`queue ${from}\` before trying again.`;
    return { ok: false, from, to, reason: FetchRefusal.Failed, message };
  }
  const expected = study.instances ?? 1;
  const arrival = await waitForArrival(ctx, to, study.studyInstanceUid, expected);
  return { ok: true, from, to, description, expected, ...arrival };
}

/** `/pacs fetch UID from-site [to-site]`: admin, side effect, confirm button, refused while writes are off. */
export const fetchPriorCheck = defineCheck({
  id: CheckId.FetchPrior,
  command: 'fetch',
  title: 'Fetch a prior',
  usage: fetchUsage,
  summary:
    'Retrieves one study from an archive site to the main site after confirmation, and reports when it has arrived. Needs PACS_ALLOW_WRITES.',
  examples: ['fetch 1.2.826.0.1.3680043.8.498.1 archive', 'fetch 1.2.826.0.1.3680043.8.498.1 archive main'],
  args: fetchArgs,
  requiredRole: Role.Admin,
  sideEffects: true,
  returnsPhi: false,
  audit: { type: AuditType.PacsStudyFetched },
  parse: (text, ctx) => parseFetchArgument(text, ctx.connectors.keys()),
  describe: async (ctx, args) => {
    const plan = await planFetch(ctx, args);
    return plan.ok ? { ok: true, text: plan.description } : { ok: false, message: plan.message, reason: plan.reason };
  },
  run: fetchPrior,
});
