import { userInfo } from 'node:os';
import { AuditOutcome } from '../audit/audit-events.js';
import { type AuditLog, createAuditLog } from '../audit/audit-log.js';
import type { Clock } from '../core/clock.js';
import { formatAuditTable, formatVerification } from './audit-format.js';
import { loadCliConfig, withCliDatabase } from './cli-config.js';
import type { CliIo } from './io.js';
import { UsageError } from './io.js';

export interface AuditArgs {
  sub: string | undefined;
  since?: string;
  until?: string;
  json: boolean;
  /** For tests: the clock stamped on the Audit Log Used record. */
  now?: Clock;
}

/** Start of the day for a date, or the instant given; `--until` with a bare date includes that whole day. */
function parseDate(value: string, flag: string, wholeDay: boolean): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const at = new Date(dateOnly ? `${value}T00:00:00.000Z` : value);
  if ((!dateOnly && !iso) || Number.isNaN(at.getTime()))
    throw new UsageError(`${flag} takes a date (YYYY-MM-DD, UTC) or an ISO 8601 time with a zone`);
  return dateOnly && wholeDay ? new Date(at.getTime() + 24 * 3600_000) : at;
}

/** The person running the CLI, from the operating system (not from the environment, which is easy to set). */
function cliActor() {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return { userId: `cli:${name}` };
}

/**
 * `pacs-desk audit export|verify`: reads the bot's own audit store (DATABASE_URL, else `${DATA_DIR}/pacs-desk.sqlite`).
 * Reading the audit log is itself audited (Audit Log Used, 110101) before anything is shown; if that record
 * cannot be written, nothing is shown. Returns the exit code.
 *
 * @example await runAudit(processIo, { sub: 'export', since: '2026-01-01', json: true })
 */
export async function runAudit(io: CliIo, args: AuditArgs): Promise<number> {
  if (args.sub !== 'export' && args.sub !== 'verify')
    throw new UsageError(`audit: unknown subcommand "${args.sub ?? ''}" (export, verify)`);
  const range =
    args.sub === 'export'
      ? {
          since: parseDate(args.since ?? usage('audit export needs --since DATE'), '--since', false),
          until: args.until === undefined ? undefined : parseDate(args.until, '--until', true),
        }
      : undefined;
  const config = loadCliConfig(io);
  return withCliDatabase(config, (database) => {
    const log = createAuditLog(database, { now: args.now });
    return range ? exportRecords(log, io, { ...range, json: args.json }) : verifyChain(log, io);
  });
}

function usage(message: string): never {
  throw new UsageError(message);
}

async function exportRecords(log: AuditLog, io: CliIo, opts: { since: Date; until?: Date; json: boolean }) {
  await log.append({
    event: 'AuditLogUsed',
    outcome: AuditOutcome.Success,
    actor: cliActor(),
    source: 'cli',
    command: 'audit.export',
    query: {
      since: opts.since.toISOString(),
      until: opts.until?.toISOString() ?? null,
      format: opts.json ? 'json' : 'table',
    },
    description: 'audit log exported',
  });
  const records = await log.list({ since: opts.since, until: opts.until });
  io.stdout(opts.json ? `${JSON.stringify(records)}\n` : formatAuditTable(records));
  return 0;
}

async function verifyChain(log: AuditLog, io: CliIo) {
  await log.append({
    event: 'AuditLogUsed',
    outcome: AuditOutcome.Success,
    actor: cliActor(),
    source: 'cli',
    command: 'audit.verify',
    description: 'audit chain verified',
  });
  const result = await log.verify();
  if (!result.ok) {
    // A broken chain is a major failure (PS3.15 outcome 12): recorded, so the finding itself is on the trail.
    await log.append({
      event: 'AuditLogUsed',
      outcome: AuditOutcome.MajorFailure,
      actor: cliActor(),
      source: 'cli',
      command: 'audit.verify',
      description: `audit chain broken at record ${result.brokenAt}: ${result.reason}`,
    });
  }
  io.stdout(formatVerification(result));
  return result.ok ? 0 : 1;
}
