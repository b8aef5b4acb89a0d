import { AuditType } from '../../audit/audit-events.js';
import { Role } from '../../core/roles.js';
import { parseJobArgument } from '../input/command-arguments.js';
import { type CheckContext, CheckId, type Description, defineCheck } from './check-types.js';
import { JobAction, type JobArgs, jobArgs, planJobAction, runJobAction } from './job-action.js';

/** The confirm-button sentence, or why no confirm button should be offered (writes off, wrong state…). */
const describeFor =
  (action: JobAction) =>
  async (ctx: CheckContext, args: JobArgs): Promise<Description> => {
    const plan = await planJobAction(ctx, action, args);
    return plan.ok ? { ok: true, text: plan.description } : { ok: false, message: plan.message, reason: plan.reason };
  };

/** `/pacs retry JOB-ID [site]`: admin, side effect, confirm button, refused while writes are off. */
export const jobRetryCheck = defineCheck({
  id: CheckId.JobRetry,
  command: 'retry',
  title: 'Resubmit a failed job',
  usage: 'retry JOB-ID [site]',
  summary: 'Resubmits one failed transfer job after confirmation. Needs PACS_ALLOW_WRITES.',
  examples: ['retry 6c97cdb9-0d4e-4c1f-9e55-3a1b2c3d4e5f', 'retry 1042 east'],
  args: jobArgs,
  requiredRole: Role.Admin,
  sideEffects: true,
  returnsPhi: false,
  audit: { type: AuditType.PacsTaskRetried },
  parse: (text, ctx) => parseJobArgument(text, ctx.connectors.keys(), 'retry'),
  describe: describeFor(JobAction.Retry),
  run: (ctx, args) => runJobAction(ctx, JobAction.Retry, args),
});

/** `/pacs cancel JOB-ID [site]`: admin, side effect, confirm button, refused while writes are off. */
export const jobCancelCheck = defineCheck({
  id: CheckId.JobCancel,
  command: 'cancel',
  title: 'Cancel a job',
  usage: 'cancel JOB-ID [site]',
  summary: 'Cancels one pending, running or paused job after confirmation. Needs PACS_ALLOW_WRITES.',
  examples: ['cancel 6c97cdb9-0d4e-4c1f-9e55-3a1b2c3d4e5f', 'cancel 1042 east'],
  args: jobArgs,
  requiredRole: Role.Admin,
  sideEffects: true,
  returnsPhi: false,
  audit: { type: AuditType.PacsTaskCancelled },
  parse: (text, ctx) => parseJobArgument(text, ctx.connectors.keys(), 'cancel'),
  describe: describeFor(JobAction.Cancel),
  run: (ctx, args) => runJobAction(ctx, JobAction.Cancel, args),
});
