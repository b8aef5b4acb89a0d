import type { z } from 'zod';
import { BotError, ErrorCode } from '../../core/errors.js';
import type { Role } from '../../core/roles.js';
import type { InputResult } from '../input/input-result.js';
import type { PacsConnector } from '../types.js';
import type { CheckSettings } from './check-settings.js';

export const CheckId = {
  Study: 'pacs.study',
  Queue: 'pacs.queue',
  Echo: 'pacs.echo',
  Unidentified: 'pacs.unidentified',
  Status: 'pacs.status',
  JobRetry: 'pacs.job.retry',
  JobCancel: 'pacs.job.cancel',
} as const;
export type CheckId = (typeof CheckId)[keyof typeof CheckId];

/** What a check may use: connectors by site id, the default site, a clock and the settings. */
export interface CheckContext {
  connectors: ReadonlyMap<string, PacsConnector>;
  defaultSite: string;
  now(): Date;
  settings: CheckSettings;
}

/** For side-effecting checks: the sentence on the confirm button, or why there is nothing to confirm. */
export type Description = { ok: true; text: string } | { ok: false; message: string; reason: string };

/**
 * One scripted check. `parse` turns the text after the command into args (or a safe message); `run`
 * validates args with the zod schema again, so a caller that skips `parse` cannot bypass validation.
 */
export interface PacsCheck<A = unknown, R = unknown> {
  id: CheckId;
  /** What people type after `/pacs`: matched exactly. */
  command: string;
  title: string;
  usage: string;
  summary: string;
  examples: readonly string[];
  args: z.ZodType<A>;
  requiredRole: Role;
  sideEffects: boolean;
  returnsPhi: boolean;
  parse(text: string, ctx: CheckContext): InputResult<A>;
  describe?(ctx: CheckContext, args: unknown): Promise<Description>;
  run(ctx: CheckContext, args: unknown): Promise<R>;
}

/** A check definition before its `run`/`describe` are wrapped with schema validation. */
export type CheckSpec<A, R> = Omit<PacsCheck<A, R>, 'run' | 'describe'> & {
  run(ctx: CheckContext, args: A): Promise<R>;
  describe?(ctx: CheckContext, args: A): Promise<Description>;
};

function validated<A>(schema: z.ZodType<A>, args: unknown): A {
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw new BotError(ErrorCode.BadInput, `invalid check arguments: ${parsed.error.issues.length}`);
  return parsed.data;
}

/**
 * Wraps a spec so `run` and `describe` accept `unknown` and check it against `args` first.
 *
 * @example `defineCheck({ id: 'pacs.status', …, run: async (ctx) => runStatus(ctx) })`
 */
export function defineCheck<A, R>(spec: CheckSpec<A, R>): PacsCheck<A, R> {
  const { run, describe, ...rest } = spec;
  return {
    ...rest,
    run: async (ctx, args) => run(ctx, validated(spec.args, args)),
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
