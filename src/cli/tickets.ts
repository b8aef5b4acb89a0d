import { defaultQueueId } from '../channels/channel-directory.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { AppDatabase } from '../db/create-database.js';
import { createOutboxRows } from '../tickets/outbox/outbox-rows.js';
import { ticketsCsv } from '../tickets/report/ticket-export.js';
import { summarizeTickets } from '../tickets/report/ticket-summary.js';
import { createTicketStore, type DurableTicketStore } from '../tickets/ticket-store.js';
import { openStatuses, TicketStatus } from '../tickets/types.js';
import { loadCliConfig, withCliDatabase } from './cli-config.js';
import type { CliIo } from './io.js';
import { UsageError } from './io.js';
import { formatList, formatSummary, formatTicket, toListRow } from './tickets-format.js';

export interface TicketsArgs {
  sub: string | undefined;
  rest: string[];
  status?: string;
  /** `tickets list --queue ID`: only that queue's tickets. */
  queue?: string;
  since?: string;
  json: boolean;
  csv: boolean;
  /** For tests: the report's "now". */
  now?: Clock;
}

/**
 * `pacs-desk tickets list|show|export|summary`: reads the bot's own store (DATABASE_URL, else
 * `${DATA_DIR}/pacs-desk.sqlite`). Returns the exit code.
 *
 * @example await runTickets(processIo, { sub: 'list', rest: [], status: 'open', json: true, csv: false })
 */
export async function runTickets(io: CliIo, args: TicketsArgs): Promise<number> {
  const run = args.sub && Object.hasOwn(commands, args.sub) ? commands[args.sub as keyof typeof commands] : undefined;
  if (!run)
    throw new UsageError(`tickets: unknown subcommand "${args.sub ?? ''}" (list, show, export, summary, redrive)`);
  const config = loadCliConfig(io);
  const queues = [defaultQueueId, ...(config.channels.parsed?.queues ?? []).map((q) => q.id)];
  return withCliDatabase(config, (database) =>
    args.sub === 'redrive'
      ? redrive(database, io, args)
      : run(createTicketStore(database), io, { ...args, knownQueues: [...new Set(queues)] }),
  );
}

type Command = (
  store: DurableTicketStore,
  io: CliIo,
  args: TicketsArgs & { knownQueues: readonly string[] },
) => Promise<number>;

/** `tickets redrive`: puts dead-lettered helpdesk rows back in the queue; the running bot's relay sends them. */
async function redrive(database: AppDatabase, io: CliIo, { json, now = systemClock }: TicketsArgs): Promise<number> {
  const requeued = await createOutboxRows(database).redrive(new Date(now()).toISOString());
  io.stdout(
    json ? `${JSON.stringify({ requeued })}\n` : `${requeued} dead-lettered helpdesk change(s) queued again.\n`,
  );
  return 0;
}

const commands = {
  async list(store, io, { status, queue, json }) {
    const statuses = status === undefined ? undefined : status === 'open' ? openStatuses : [parseStatus(status)];
    if (queue !== undefined && !/^[a-z0-9][a-z0-9-]{0,31}$/.test(queue))
      throw new UsageError('--queue takes a queue id from CHANNELS_CONFIG, e.g. default');
    const rows = (await store.list({ status: statuses, queue })).map(toListRow);
    io.stdout(json ? `${JSON.stringify(rows)}\n` : formatList(rows));
    return 0;
  },

  async show(store, io, { rest, json }) {
    const key = rest[0]?.toUpperCase();
    if (!key) throw new UsageError('tickets show needs a key, e.g. PACS-12');
    const ticket = await store.get(key);
    if (!ticket) {
      io.stderr(`pacs-desk: no ticket ${key}\n`);
      return 1;
    }
    const timeline = await store.timeline(key);
    io.stdout(json ? `${JSON.stringify({ ticket, timeline })}\n` : formatTicket(ticket, timeline));
    return 0;
  },

  redrive: () => Promise.reject(new Error('handled before the store is built')),

  async export(store, io, { csv }) {
    if (!csv) throw new UsageError('tickets export needs --csv');
    io.stdout(ticketsCsv(await store.listCreatedSince()));
    return 0;
  },

  async summary(store, io, { since, json, knownQueues, now = systemClock }) {
    const at = new Date(now());
    const from = since ?? new Date(at.getTime() - 7 * 24 * 3600_000).toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(from)))
      throw new UsageError('--since takes a date as YYYY-MM-DD');
    const summary = summarizeTickets(await store.listCreatedSince(from), { since: from, now: at, queues: knownQueues });
    io.stdout(json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
    return 0;
  },
} satisfies Record<string, Command>;

function parseStatus(value: string): TicketStatus {
  const statuses = Object.values(TicketStatus) as string[];
  if (!statuses.includes(value)) throw new UsageError(`--status is open or one of ${statuses.join(', ')}`);
  return value as TicketStatus;
}
