import type { MonitorConfig } from '../../config.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { PacsConnector } from '../types.js';
import { type IncidentState, observe, type Transition } from './incidents.js';

/** A queue incident opens at `failedTasks` failures in the last hour, or a task pending `pendingMinutes` or more. */
export type MonitorThresholds = Pick<MonitorConfig, 'failedTasks' | 'pendingMinutes'>;

export interface MonitorDeps {
  connectors: PacsConnector[];
  state: IncidentState;
  thresholds: MonitorThresholds;
  /** Posts to OPS_CHANNEL. Text only, and never patient data: monitors see counts, ages and aliases. */
  post(text: string): Promise<void>;
  logger: Logger;
  now: Clock;
  /** PHI-free text while the audit trail cannot be written (`composePacs().auditProblem`); raises an incident. */
  auditProblem?: () => string | undefined;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

/** What is wrong with a site's queue right now, or undefined. */
async function queueProblem(connector: PacsConnector, t: MonitorThresholds, now: Date): Promise<string | undefined> {
  const tasks = await connector.listTasks({ limit: 1000 });
  const hourAgo = now.getTime() - 3_600_000;
  const failed = tasks.filter(
    (x) => x.state === 'failed' && Date.parse(x.updatedAt ?? x.createdAt ?? '') >= hourAgo,
  ).length;
  const oldestPending = tasks
    .filter((x) => x.state === 'pending' && x.createdAt)
    .reduce((oldest, x) => Math.min(oldest, Date.parse(x.createdAt ?? '')), Number.POSITIVE_INFINITY);
  const pendingAge = Number.isFinite(oldestPending) ? now.getTime() - oldestPending : 0;
  const problems: string[] = [];
  if (failed >= t.failedTasks) problems.push(`${failed} failed transfer(s) in the last hour`);
  if (pendingAge >= t.pendingMinutes * 60_000)
    problems.push(`oldest pending transfer waiting ${minutes(pendingAge)} min`);
  return problems.length ? problems.join('; ') : undefined;
}

function message(site: string, what: string, change: Transition): string | undefined {
  if (change.kind === 'opened') return `🚨 *${site}* ${what}: ${change.summary}.`;
  if (change.kind === 'recovered') {
    return `✅ *${site}* ${what} recovered (was: ${change.summary}; since ${change.since.slice(11, 16)} UTC).`;
  }
  return undefined;
}

/**
 * One monitoring pass: each site's queue against the thresholds, and an echo of each configured AE alias.
 * A check that throws counts as a problem ("not answering"), so a dead PACS raises an incident too.
 */
export async function runMonitorPass(deps: MonitorDeps): Promise<Transition[]> {
  const now = new Date(deps.now());
  const changes: Transition[] = [];
  for (const connector of deps.connectors) {
    const site = connector.site.id;
    const queue = await queueProblem(connector, deps.thresholds, now).catch(() => 'the archive is not answering');
    const q = await observe(deps.state, `queue:${site}`, queue, now);
    changes.push(q);
    const qText = message(site, 'transfer queue', q);
    if (qText) await deps.post(qText);
    for (const alias of connector.site.aliases) {
      const result = await connector.echo(alias).catch(() => ({ ok: false, ms: 0, cause: 'unreachable' as const }));
      const problem = result.ok ? undefined : `DICOM echo failed (${(result.cause ?? 'other').replace('_', ' ')})`;
      const e = await observe(deps.state, `echo:${site}:${alias.alias}`, problem, now);
      changes.push(e);
      const eText = message(site, `\`${alias.alias}\``, e);
      if (eText) await deps.post(eText);
    }
  }
  if (deps.auditProblem) {
    const a = await observe(deps.state, 'audit', deps.auditProblem(), now);
    changes.push(a);
    const aText = message('PACS Desk', 'audit trail', a);
    if (aText) await deps.post(aText);
  }
  const opened = changes.filter((c) => c.kind !== 'unchanged');
  if (opened.length) deps.logger.info({ changes: opened.map((c) => `${c.kind}:${c.key}`) }, 'pacs monitor changes');
  return changes;
}

/** Runs a pass now and then every `intervalMs` (never two at once) until the returned function is called. */
export function startPacsMonitor(deps: MonitorDeps, intervalMs: number): () => void {
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    runMonitorPass(deps)
      .catch((error: unknown) => deps.logger.error({ err: (error as Error).message }, 'pacs monitor pass failed'))
      .finally(() => {
        running = false;
      });
  };
  // The first pass runs at start: an archive that is already down is reported at once, not an interval later.
  const first = setTimeout(pass, 0);
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
