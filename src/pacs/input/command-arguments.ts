import type { AeAlias, SiteConfig } from '../types.js';
import { findCharProblem } from './char-problems.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk } from './input-result.js';
import { resolveAlias, resolveSite } from './sites.js';
import { splitArguments } from './study-argument.js';

const usage = (line: string, lead = 'Usage:') =>
  inputFail<never>(InputReason.Usage, InputProblem.Usage, `${lead} ${line}`);

/**
 * `[site]`: nothing, or one known site id.
 *
 * @example `parseSiteArgument('main', ['main'], 'queue [site]')` → `{ ok: true, value: { site: 'main' } }`
 */
export function parseSiteArgument(
  text: string,
  siteIds: Iterable<string>,
  line: string,
): InputResult<{ site?: string }> {
  const [token, ...extra] = splitArguments(text);
  if (extra.length > 0) return usage(line);
  if (token === undefined) return inputOk({});
  const site = resolveSite(token, siteIds);
  return site.ok ? inputOk({ site: site.value }) : site;
}

/**
 * `ALIAS [site]` for echo: the alias must be one the site configures (never a host:port: echo cannot be turned into a port scanner).
 *
 * @example `parseEchoArgument('ct3', sites, 'main')` → `{ ok: true, value: { alias: 'ct3', site: 'main' } }`
 */
export function parseEchoArgument(
  text: string,
  sites: ReadonlyMap<string, SiteConfig>,
  defaultSite: string,
): InputResult<{ alias: string; site: string; target: AeAlias }> {
  const line = 'echo ALIAS [site]';
  const [aliasToken, siteToken, ...extra] = splitArguments(text);
  if (aliasToken === undefined || extra.length > 0) return usage(line);
  const site = siteToken === undefined ? inputOk(defaultSite) : resolveSite(siteToken, sites.keys());
  if (!site.ok) {
    // `echo host port`: the host is the problem, so say which aliases can be echoed rather than "unknown site".
    const fallback = sites.get(defaultSite);
    const alias = fallback ? resolveAlias(aliasToken, fallback) : undefined;
    return alias && !alias.ok && /[.:/[\]@]/.test(aliasToken) ? alias : site;
  }
  const config = sites.get(site.value);
  if (!config) {
    const valid = [...sites.keys()].sort().join(', ');
    return inputFail(InputReason.UnknownSite, InputProblem.Unknown, `Give a site. Valid sites: ${valid}.`);
  }
  const alias = resolveAlias(aliasToken, config);
  return alias.ok ? inputOk({ alias: alias.value.alias, site: site.value, target: alias.value }) : alias;
}

/**
 * `[days] [site]` for the unidentified sweep: days 1–31, default 7.
 *
 * @example `parseSweepArgument('14 main', ['main'])` → `{ ok: true, value: { days: 14, site: 'main' } }`
 */
export function parseSweepArgument(
  text: string,
  siteIds: Iterable<string>,
): InputResult<{ days: number; site?: string }> {
  const line = 'unidentified [days 1–31] [site]';
  const tokens = splitArguments(text);
  let days = 7;
  const first = tokens[0]?.normalize('NFKC');
  if (first !== undefined && /^\d+$/.test(first)) {
    days = Number(first);
    if (days < 1 || days > 31) return usage(line, 'Days must be between 1 and 31. Usage:');
    tokens.shift();
  }
  const rest = parseSiteArgument(tokens.join(' '), siteIds, line);
  return rest.ok ? inputOk({ days, ...rest.value }) : rest;
}

/** Task ids: Orthanc UUIDs, dcm4chee numbers. */
export const taskIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/**
 * `TASK-ID [site]` for job retry and cancel.
 *
 * @example `parseJobArgument('6c97cdb9-0d4e', ['main'], 'retry')` → `{ ok: true, value: { taskId: '6c97cdb9-0d4e' } }`
 */
export function parseJobArgument(
  text: string,
  siteIds: Iterable<string>,
  command: string,
): InputResult<{ taskId: string; site?: string }> {
  const line = `${command} JOB-ID [site]`;
  const [idToken, ...rest] = splitArguments(text);
  if (idToken === undefined) return usage(line);
  const id = idToken.normalize('NFKC');
  if (findCharProblem(id) || !taskIdPattern.test(id)) {
    return usage(line, 'A job id has only letters, digits and dashes (copy it from `queue`). Usage:');
  }
  const site = parseSiteArgument(rest.join(' '), siteIds, line);
  return site.ok ? inputOk({ taskId: id, ...site.value }) : site;
}
