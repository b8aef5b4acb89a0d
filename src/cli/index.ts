#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { composeStores } from '../compose/compose-stores.js';
import { ConfigError } from '../config.js';
import { isEntryPoint } from '../core/entry-point.js';
import { asBotError } from '../core/errors.js';
import { runKbDrafts } from '../kb/drafts/drafts-cli.js';
import { ask } from './ask.js';
import { runAudit } from './audit.js';
import { runBackup } from './backup.js';
import { loadCliConfig } from './cli-config.js';
import { runInterfacesCli } from './interfaces-cli.js';
import { type CliIo, processIo, UsageError } from './io.js';
import { runKbDeflection } from './kb-deflection.js';
import { kbEval } from './kb-eval.js';
import { runKbGaps } from './kb-gaps.js';
import { kbSearch } from './kb-search.js';
import { loadCliCore } from './load-cli-core.js';
import { runPacsCli } from './pacs.js';
import { runReport } from './report.js';
import { runTickets } from './tickets.js';

const usage = `Usage: pacs-desk <command>

  kb search "<question>" [--kb DIR] [--limit N] [--json]   rank knowledge-base passages
  kb search --batch FILE --json [--kb DIR] [--limit N]     JSON lines {"id","question"} in, one result line each out
  kb index [--kb DIR]                                      index the knowledge base and print its size
  kb eval --questions FILE [--kb DIR] [--json]             hit@1/3/5, MRR and abstention on a question set
  kb feedback [--rating up|down] [--json]                  answer feedback stored for the KB owners
  kb gaps [--since YYYY-MM-DD] [--json]                    abstained and 👎 questions grouped by topic (default 30 days)
  kb deflection [--since YYYY-MM-DD] [--json]              deflection per channel and ISO week (answers, tickets, 👍/👎)
  kb drafts [--kb DIR] [--json]                            answer drafts from tickets waiting for a KB owner
  ask "<question>" [--kb DIR] [--json]                     answer a question as the bot would
  tickets list [--status S|open] [--queue ID] [--json]     tickets, newest first (people as Slack user ids)
  tickets show KEY [--json]                                one ticket and its timeline
  tickets export --csv                                     all tickets as CSV (no accession or description)
  tickets summary [--since YYYY-MM-DD] [--json]            weekly report: volume, response/resolution times, SLA, CSAT
  tickets redrive [--json]                                 queue dead-lettered helpdesk changes again
  report weekly [--since YYYY-MM-DD] [--json|--png FILE]   manager digest: per queue opened/resolved, p50 times, SLA
                                                           breaches, CSAT, deflection, KB gaps; --png writes its chart
  audit export --since DATE [--until DATE] [--json]        audit records (JSON array or table); itself audited
  audit verify                                             check the audit hash chain (exit 1 if broken)
  pacs study ACC|mrn:ID [--site S] [--json] [--show-phi]  study lookup (identifiers masked unless --show-phi, audited)
  pacs worklist ACC|mrn:ID [--site S] [--json] [--show-phi]
                                                           modality worklist items and hints: {"found","items","hints"}
  pacs worklist station AET [--date YYYY-MM-DD] [--site S] [--json]
                                                           a station's item count and latest start for a day
  pacs priors mrn:ID [--site S] [--json] [--show-phi]    a patient's studies on every site: {"priors":[{"site",…}]}
  pacs queue [--site S] [--json]                           transfer queue summary
  pacs echo ALIAS [--site S] [--json]                      DICOM echo of a configured AE alias: {"ok","ms","cause"?}
  pacs unidentified [--days N] [--json]                    studies without a valid patient id, name or accession
  pacs anomalies [--days N] [--site S] [--json] [--show-phi]
                                                           data-integrity sweep: {"anomalies":[{"kind","site",…}],"counts"}
  pacs status [--json]                                     every site's reachability, latency, storage and backlog
  pacs interfaces [--json]                                 interface engine channels (INTERFACE_ENGINE), problems first
  backup --out FILE [--json]                               online copy of the SQLite database (0600), checked
  workspace                                                start the bot with the local Slack workspace
  workspace --no-bot                                       only the local Slack: prints SLACK_API_URL, SLACK_BOT_TOKEN,
                                                           SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, WORKSPACE_URL lines
                                                           for bot processes (Socket Mode); Ctrl-C stops it
`;

const options = {
  kb: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean', default: false },
  batch: { type: 'string' },
  questions: { type: 'string' },
  rating: { type: 'string' },
  status: { type: 'string' },
  queue: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  csv: { type: 'boolean', default: false },
  out: { type: 'string' },
  png: { type: 'string' },
  site: { type: 'string' },
  days: { type: 'string' },
  date: { type: 'string' },
  'show-phi': { type: 'boolean', default: false },
  'no-bot': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Runs one CLI command; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const [group, sub, ...rest] = positionals;
    if (values.help || !group) {
      io.stdout(usage);
      return values.help ? 0 : 2;
    }
    const limit = values.limit === undefined ? 5 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new UsageError('--limit takes a whole number from 1 to 50');
    const command = group === 'kb' ? `kb ${sub ?? ''}`.trim() : group;
    const text = (group === 'kb' ? rest : [sub, ...rest]).filter(Boolean).join(' ');
    switch (command) {
      case 'kb search':
      case 'kb index':
      case 'kb eval':
      case 'ask': {
        const core = await loadCliCore(io, { kbDir: values.kb });
        try {
          if (command === 'kb search')
            return await kbSearch(core.kb, io, { question: text, batch: values.batch, limit, json: values.json });
          if (command === 'kb eval')
            return await kbEval(core.kb, io, { questions: values.questions, json: values.json });
          if (command === 'ask') return await ask(core.answers, io, { question: text, json: values.json });
          const stats = core.kb.stats();
          io.stdout(
            `${JSON.stringify({ documents: stats.documents, chunks: stats.chunks, failures: stats.failures, flagged: stats.flagged ?? [], buildMs: stats.buildMs })}\n`,
          );
          return stats.failures.length > 0 ? 1 : 0;
        } finally {
          await core.close();
        }
      }
      case 'kb gaps':
        return await runKbGaps(io, { since: values.since, json: values.json, kbDir: values.kb });
      case 'kb deflection':
        return await runKbDeflection(io, { since: values.since, json: values.json });
      case 'kb feedback':
        return await listFeedback(io, values.rating, values.json);
      case 'kb drafts':
        return await runKbDrafts(io, { json: values.json, kbDir: values.kb });
      case 'tickets':
        return await runTickets(io, {
          sub,
          rest,
          status: values.status,
          queue: values.queue,
          since: values.since,
          json: values.json,
          csv: values.csv,
        });
      case 'report':
        return await runReport(io, { sub, since: values.since, json: values.json, png: values.png });
      case 'pacs':
        if (!sub)
          throw new UsageError(
            'give a check: pacs-desk pacs study|worklist|priors|queue|echo|unidentified|anomalies|status|interfaces',
          );
        if (sub === 'interfaces') return await runInterfacesCli(io, { json: values.json });
        return await runPacsCli(io, {
          sub,
          words: rest,
          site: values.site,
          days: values.days,
          date: values.date,
          json: values.json,
          showPhi: values['show-phi'],
        });
      case 'audit':
        return await runAudit(io, { sub, since: values.since, until: values.until, json: values.json });
      case 'backup':
        return await runBackup(io, { out: values.out, json: values.json });
      case 'workspace': {
        if (values['no-bot']) return await (await import('../devtools/workspace/harness.js')).runHarness(io);
        const { runFromEnvironment } = await import('../main.js');
        await runFromEnvironment({ ...io.env, SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '' });
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`pacs-desk: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`pacs-desk: ${error.message}\n`);
      return 1;
    }
    io.stderr(`pacs-desk: ${asBotError(error).message}\n`);
    return 1;
  }
}

async function listFeedback(io: CliIo, rating: string | undefined, json: boolean): Promise<number> {
  if (rating !== undefined && rating !== 'up' && rating !== 'down') throw new UsageError('--rating is up or down');
  const config = loadCliConfig(io);
  const stores = await composeStores(config);
  try {
    const rows = await stores.feedback.list({ rating });
    if (json) io.stdout(`${JSON.stringify(rows)}\n`);
    else
      for (const r of rows)
        io.stdout(
          `${r.createdAt}  ${r.rating === 'up' ? '👍' : '👎'}  ${r.reason ?? ''}  ${r.question}  → ${r.sources.join(', ')}\n`,
        );
    return 0;
  } finally {
    await stores.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
