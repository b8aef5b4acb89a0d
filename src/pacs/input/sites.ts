import type { AeAlias, SiteConfig } from '../types.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk, previewInput } from './input-result.js';

const namePattern = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Lower-cases after NFKC; returns undefined when the token cannot be a site id or alias at all. */
function normaliseName(raw: string): string | undefined {
  const value = raw
    .replace(/^[ \t]+|[ \t]+$/g, '')
    .normalize('NFKC')
    .toLowerCase();
  return namePattern.test(value) ? value : undefined;
}

const list = (names: readonly string[]) => (names.length ? [...names].sort().join(', ') : '(none configured)');

/**
 * Resolves a site id exactly (lower-cased, never fuzzy) against the configured ids.
 *
 * @example `resolveSite('MAIN', ['main', 'east'])` → `{ ok: true, value: 'main' }`
 */
export function resolveSite(raw: string, siteIds: Iterable<string>): InputResult<string> {
  const ids = [...siteIds];
  const wanted = normaliseName(raw);
  const found = wanted === undefined ? undefined : ids.find((id) => id.toLowerCase() === wanted);
  if (found !== undefined) return inputOk(found);
  return inputFail(
    InputReason.UnknownSite,
    InputProblem.Unknown,
    `Unknown site "${previewInput(raw)}". Valid sites: ${list(ids)}.`,
  );
}

/**
 * Resolves an AE alias of one site exactly (lower-cased). Host names, IP addresses and ports are never
 * accepted, so echo cannot be pointed anywhere that is not configured.
 *
 * @example `resolveAlias('CT3', site)` → `{ ok: true, value: { alias: 'ct3', … } }`
 */
export function resolveAlias(raw: string, site: SiteConfig): InputResult<AeAlias> {
  const names = site.aliases.map((a) => a.alias);
  const wanted = normaliseName(raw);
  const found = wanted === undefined ? undefined : site.aliases.find((a) => a.alias.toLowerCase() === wanted);
  if (found) return inputOk(found);
  const hostLike = /[.:/[\]@]/.test(raw);
  const lead = hostLike
    ? 'Echo works only with configured AE aliases, not host names, addresses or ports.'
    : `Unknown AE alias "${previewInput(raw)}".`;
  return inputFail(
    InputReason.UnknownAlias,
    InputProblem.Unknown,
    `${lead} Valid aliases on ${site.id}: ${list(names)}.`,
  );
}
