import { z } from 'zod';
import { Role } from '../../core/roles.js';
import { parseEchoArgument } from '../input/command-arguments.js';
import { resolveAlias } from '../input/sites.js';
import { EchoCause, type EchoResult, type SiteConfig } from '../types.js';
import { type CheckContext, CheckId, connectorFor, defineCheck } from './check-types.js';

/** The echo outcome plus which alias it was; no host, port or AE title (they stay in config). */
export interface EchoCheckResult extends EchoResult {
  site: string;
  alias: string;
  description?: string;
  via: 'pacs' | 'direct';
}

export const echoArgs = z.object({ alias: z.string().min(1).max(32), site: z.string().min(1).max(32).optional() });
export type EchoArgs = z.infer<typeof echoArgs>;

const siteConfigs = (ctx: CheckContext) =>
  new Map<string, SiteConfig>([...ctx.connectors].map(([id, connector]) => [id, connector.site]));

/**
 * C-ECHOes a configured alias of a site. The alias is resolved again against the site's `aliases`, so
 * args built by hand cannot reach an unconfigured host (only configured aliases are ever echoed). A throwing connector becomes
 * `{ ok: false, cause: 'other' }`; its error text is dropped.
 *
 * @example `await echoAlias(ctx, { alias: 'ct3' })` → `{ ok: true, ms: 12, site: 'main', alias: 'ct3', … }`
 */
export async function echoAlias(ctx: CheckContext, args: EchoArgs): Promise<EchoCheckResult> {
  const site = args.site ?? ctx.defaultSite;
  const connector = connectorFor(ctx, site);
  const alias = resolveAlias(args.alias, connector.site);
  if (!alias.ok)
    return { ok: false, ms: 0, cause: EchoCause.UnknownAlias, site, alias: args.alias.slice(0, 32), via: 'pacs' };
  const target = alias.value;
  const about = {
    site,
    alias: target.alias,
    via: target.via,
    ...(target.description ? { description: target.description } : {}),
  };
  const started = ctx.now();
  try {
    const result = await connector.echo(target);
    return { ok: result.ok, ms: result.ms, ...(result.cause ? { cause: result.cause } : {}), ...about };
  } catch {
    return { ok: false, ms: ctx.now() - started, cause: EchoCause.Other, ...about };
  }
}

/** `/pacs echo ALIAS [site]`. */
export const echoCheck = defineCheck({
  id: CheckId.Echo,
  command: 'echo',
  title: 'DICOM echo',
  usage: 'echo ALIAS [site]',
  summary:
    'C-ECHO to a configured modality or archive by alias; says why it failed (refused, timeout, wrong protocol, rejected).',
  examples: ['echo ct3', 'echo storescp main'],
  args: echoArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: false,
  parse: (text, ctx) => {
    const parsed = parseEchoArgument(text, siteConfigs(ctx), ctx.defaultSite);
    return parsed.ok ? { ok: true, value: { alias: parsed.value.alias, site: parsed.value.site } } : parsed;
  },
  run: echoAlias,
});
