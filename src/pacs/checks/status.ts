import { z } from 'zod';
import { Role } from '../../core/roles.js';
import { InputProblem, InputReason, inputFail, inputOk } from '../input/input-result.js';
import { splitArguments } from '../input/study-argument.js';
import type { PacsConnector, SiteStatus } from '../types.js';
import { type CheckContext, CheckId, defineCheck } from './check-types.js';

export interface StatusResult {
  checkedAt: string;
  /** One entry per configured site, in configuration order. */
  sites: SiteStatus[];
}

/** Host-free problems for sites that did not answer. */
export const StatusProblem = {
  Timeout: 'no answer in time',
  Failed: 'status check failed',
} as const;

// A connector's own `problem` should already be host-free; anything that still looks like a URL,
// an IP address or a dotted host name is replaced rather than shown.
const hostLike =
  /[a-z][a-z0-9+.-]*:\/\/|\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\.[a-z]{2,}\b|:\d{2,5}\b/i;

function sanitise(site: string, status: SiteStatus): SiteStatus {
  const problem = status.problem && hostLike.test(status.problem) ? StatusProblem.Failed : status.problem;
  return { ...status, site, ...(problem !== undefined ? { problem } : {}) };
}

/**
 * One site's status, bounded by `timeoutMs`; never throws. The timer is cleared once the site answers.
 *
 * @example `await siteStatus(connector, 'main', 5000)` → `{ site: 'main', reachable: false, problem: 'no answer in time' }`
 */
export async function siteStatus(connector: PacsConnector, site: string, timeoutMs: number): Promise<SiteStatus> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SiteStatus>((resolve) => {
    timer = setTimeout(() => resolve({ site, reachable: false, problem: StatusProblem.Timeout }), timeoutMs);
  });
  const answer = Promise.resolve()
    .then(() => connector.status())
    .then(
      (status) => sanitise(site, status),
      (): SiteStatus => ({ site, reachable: false, problem: StatusProblem.Failed }),
    );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every site's status in parallel, each with its own timeout, so one dead PACS delays nothing else.
 *
 * @example `(await allSiteStatus(ctx)).sites.map((s) => s.reachable)` → `[true, false]`
 */
export async function allSiteStatus(ctx: CheckContext): Promise<StatusResult> {
  const entries = [...ctx.connectors];
  const sites = await Promise.all(
    entries.map(([id, connector]) => siteStatus(connector, id, ctx.settings.statusTimeoutMs)),
  );
  return { checkedAt: new Date(ctx.now()).toISOString(), sites };
}

/** `/pacs status`. */
export const statusCheck = defineCheck({
  id: CheckId.Status,
  command: 'status',
  title: 'Site status',
  usage: 'status',
  summary: 'Every PACS site: reachable, latency, version, storage and backlog.',
  examples: ['status'],
  args: z.object({}),
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: false,
  parse: (text) =>
    splitArguments(text).length === 0 ? inputOk({}) : inputFail(InputReason.Usage, InputProblem.Usage, 'Usage: status'),
  run: (ctx: CheckContext) => allSiteStatus(ctx),
});
