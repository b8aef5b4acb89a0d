import type { z } from 'zod';
import type { AuditEventTypeName } from '../../audit/audit-events.js';
import type { AccessedStudy } from '../../audit/with-audit.js';
import type { Clock } from '../../core/clock.js';
import { BotError, ErrorCode } from '../../core/errors.js';
import type { Role } from '../../core/roles.js';
import type { InputResult } from '../input/input-result.js';
import type { PacsConnector } from '../types.js';
import type { WorklistSource } from '../worklist/worklist-source.js';
import type { CheckSettings } from './check-settings.js';

export const CheckId = {
  Study: 'pacs.study',
  Queue: 'pacs.queue',
  Echo: 'pacs.echo',
  Unidentified: 'pacs.unidentified',
  Status: 'pacs.status',
  JobRetry: 'pacs.job.retry',
  JobCancel: 'pacs.job.cancel',
  Worklist: 'pacs.worklist',
  Anomalies: 'pacs.anomalies',
  Priors: 'pacs.priors',
  FetchPrior: 'pacs.prior.fetch',
} as const;
export type CheckId = (typeof CheckId)[keyof typeof CheckId];

/** What a check may use: connectors by site id, the default site, a clock and the settings. */
export interface CheckContext {
  connectors: ReadonlyMap<string, PacsConnector>;
  /** Worklist providers by site id (only sites that have one). */
  worklists?: ReadonlyMap<string, WorklistSource>;
  defaultSite: string;
  now: Clock;
  settings: CheckSettings;
}

/** For side-effecting checks: the sentence on the confirm button, or why there is nothing to confirm. */
export type Description = { ok: true; text: string } | { ok: false; message: string; reason: string };

/** What every check has, whatever it does. */
interface CheckInfo<Id extends CheckId, A> {
  id: Id;
  /** What people type after `/pacs`: matched exactly. */
  command: string;
  title: string;
  usage: string;
  summary: string;
  examples: readonly string[];
  args: z.ZodType<A>;
  requiredRole: Role;
  parse(text: string, ctx: CheckContext): InputResult<A>;
}

/** What a read means for the audit trail, beyond its Query record. */
interface ReadAudit<R> {
  /** A PHI-free reason when the result shows nothing on purpose: recorded as a refused query. */
  refused?(result: R): string | undefined;
  /** PHI-free reasons for the sites that failed while others answered: one failed-query record each. */
  partialFailures?(result: R): readonly string[];
}

/** A read that shows patient data: it must say which studies, for one Instances Accessed record per patient. */
type PhiRead<R> = ReadAudit<R> & {
  sideEffects: false;
  returnsPhi: true;
  accessed(result: R): readonly AccessedStudy[];
};

/** A read that shows no patient data: it may run while the audit trail cannot be written. */
type PlainRead<R> = ReadAudit<R> & { sideEffects: false; returnsPhi: false; accessed?: undefined };

/** A side effect: confirmed first, and audited under its own event type (a retry is never recorded as a cancel). */
interface Action<In> {
  sideEffects: true;
  returnsPhi: false;
  audit: { type: AuditEventTypeName };
  describe?(ctx: CheckContext, args: In): Promise<Description>;
}

type Base<Id extends CheckId, A, R, In> = CheckInfo<Id, A> & { run(ctx: CheckContext, args: In): Promise<R> };
/** `In`: what `run` and `describe` take, the checked args in a definition, `unknown` once wrapped by `defineCheck`. */
export type PhiReadCheck<Id extends CheckId, A, R, In = unknown> = Base<Id, A, R, In> & PhiRead<R>;
export type PlainReadCheck<Id extends CheckId, A, R, In = unknown> = Base<Id, A, R, In> & PlainRead<R>;
export type ActionCheck<Id extends CheckId, A, R, In = unknown> = Base<Id, A, R, In> & Action<In>;

/**
 * One scripted check. `parse` turns the text after the command into args (or a safe message); `run` (and
 * `describe`) validate args with the zod schema again, so a caller that skips `parse` cannot bypass validation.
 */
export type PacsCheck<Id extends CheckId = CheckId, A = unknown, R = unknown> =
  | PhiReadCheck<Id, A, R>
  | PlainReadCheck<Id, A, R>
  | ActionCheck<Id, A, R>;

/** A check definition before its `run`/`describe` are wrapped with schema validation. */
export type CheckSpec<Id extends CheckId, A, R> =
  | PhiReadCheck<Id, A, R, A>
  | PlainReadCheck<Id, A, R, A>
  | ActionCheck<Id, A, R, A>;

function validated<A>(schema: z.ZodType<A>, args: unknown): A {
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw new BotError(ErrorCode.BadInput, `invalid check arguments: ${parsed.error.issues.length}`);
  return parsed.data;
}

/**
 * Wraps a spec so `run` and `describe` accept `unknown` and check it against `args` first. A side effect
 * without an audit type, or a PHI read without `accessed`, does not compile.
 *
 * @example `defineCheck({ id: CheckId.Status, …, sideEffects: false, returnsPhi: false, run: allSiteStatus })`
 */
export function defineCheck<Id extends CheckId, A, R>(spec: ActionCheck<Id, A, R, A>): ActionCheck<Id, A, R>;
export function defineCheck<Id extends CheckId, A, R>(spec: PhiReadCheck<Id, A, R, A>): PhiReadCheck<Id, A, R>;
export function defineCheck<Id extends CheckId, A, R>(spec: PlainReadCheck<Id, A, R, A>): PlainReadCheck<Id, A, R>;
export function defineCheck<Id extends CheckId, A, R>(spec: CheckSpec<Id, A, R>): PacsCheck<Id, A, R> {
  const run = async (ctx: CheckContext, args: unknown) => spec.run(ctx, validated(spec.args, args));
  if (!spec.sideEffects) return { ...spec, run };
  const { describe } = spec;
  return {
    ...spec,
    run,
    ...(describe
      ? { describe: async (ctx: CheckContext, args: unknown) => describe(ctx, validated(spec.args, args)) }
      : {}),
  };
}

/**
 * The connector for `site` (default site when absent). Throws a host-free `not_found` for an unknown
 * site: `parse` already refuses those, so this only guards callers that skip it.
 */
export function connectorFor(ctx: CheckContext, site: string | undefined): PacsConnector {
  const id = site ?? ctx.defaultSite;
  const connector = ctx.connectors.get(id);
  if (!connector) {
    const valid = [...ctx.connectors.keys()].sort().join(', ');
    throw new BotError(ErrorCode.NotFound, `unknown site ${JSON.stringify(id.slice(0, 32))}`, {
      userMessage: `Unknown site. Valid sites: ${valid}.`,
    });
  }
  return connector;
}
