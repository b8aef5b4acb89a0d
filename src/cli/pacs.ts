import { userInfo } from 'node:os';
import { composePacs } from '../compose/compose-pacs.js';
import { systemClock } from '../core/clock.js';
import { createFetch } from '../core/http.js';
import { Role } from '../core/roles.js';
import { maskAnomaly } from '../pacs/checks/anomalies-mask.js';
import type { ResultOutcome } from '../pacs/checks/check-outcome.js';
import { CheckId } from '../pacs/checks/check-types.js';
import { maskStudy } from '../pacs/checks/mask-study.js';
import { runCheck } from '../pacs/run-check.js';
import { loadCliConfig, withCliDatabase } from './cli-config.js';
import { type CliIo, UsageError } from './io.js';
import { priorsJson } from './pacs-priors.js';
import { worklistJson } from './pacs-worklist.js';

export interface PacsCliArgs {
  sub: string;
  words: string[];
  site?: string;
  days?: string;
  /** `worklist station AET --date YYYY-MM-DD`. */
  date?: string;
  json: boolean;
  showPhi: boolean;
}

/**
 * `pacs-desk pacs study|worklist|priors|queue|echo|unidentified|anomalies|status`: the same audited checks as Slack, run as an admin
 * (whoever has a shell on the bot's host). Identifiers are masked unless `--show-phi`, which is audited.
 */
export async function runPacsCli(io: CliIo, args: PacsCliArgs): Promise<number> {
  const config = loadCliConfig(io);
  return withCliDatabase(config, async (database) => {
    const pacs = composePacs(config.pacs, {
      fetch: createFetch({ timeoutMs: config.httpTimeoutMs }),
      database,
      now: systemClock,
    });
    if (!pacs) throw new UsageError('no PACS is configured: set PACS_CONFIG, or PACS_KIND and PACS_URL');
    if (args.date !== undefined && args.sub !== 'worklist') throw new UsageError('--date is for pacs worklist station');
    // The sweeps take `[days] [site]`; the lookups take their words, then a date, then the site.
    const text =
      args.sub === 'unidentified' || args.sub === 'anomalies'
        ? [args.days ?? '', args.site ?? ''].join(' ').trim()
        : [...args.words, args.date ?? '', args.site ?? ''].join(' ').trim();
    const outcome = await runCheck(pacs, {
      command: args.sub,
      text,
      actor: { userId: `cli:${userInfo().username}` },
      role: Role.Admin,
      source: 'cli',
      auditNote: args.showPhi ? { showPhi: true } : undefined,
    });
    if (outcome.kind === 'unknown') throw new UsageError(`unknown PACS check "${args.sub}"`);
    if (outcome.kind === 'invalid' || outcome.kind === 'denied') throw new UsageError(outcome.message);
    if (outcome.kind === 'failed') {
      io.stderr(`pacs-desk: ${outcome.message}\n`);
      // A worklist that does not answer is an answer too: its cause, for scripts.
      if (args.json && outcome.id === CheckId.Worklist) {
        io.stdout(`${JSON.stringify({ found: null, error: { code: outcome.code, message: outcome.message } })}\n`);
      }
      return 1;
    }
    if (outcome.kind === 'confirm') {
      throw new UsageError('job actions and fetches are run from Slack, where they are confirmed');
    }
    const output = shape(outcome, args.showPhi);
    io.stdout(args.json ? `${JSON.stringify(output)}\n` : `${JSON.stringify(output, null, 2)}\n`);
    return 0;
  });
}

/** The JSON contract: study → {found, study:{accession, studyDate, modalities, description, series, instances, studyInstanceUid}}. */
function shape(outcome: ResultOutcome, showPhi: boolean): unknown {
  if (outcome.id === CheckId.Study) {
    const r = outcome.result;
    const studies = r.matches.map(({ record, facts }) => {
      const m = maskStudy(record, Role.Admin, { showPhi });
      return {
        site: m.site,
        accession: m.accession ?? null,
        studyDate: m.studyDate ?? null,
        modalities: m.modalities,
        description: m.description ?? null,
        series: m.series ?? null,
        instances: m.instances ?? null,
        studyInstanceUid: m.studyInstanceUid ?? null,
        patientName: m.patientName ?? null,
        patientId: m.patientId ?? null,
        lastReceived: facts.lastReceived ?? null,
        arriving: facts.arriving,
      };
    });
    return {
      found: r.found,
      tooMany: r.tooMany,
      study: studies[0] ?? null,
      studies,
      searched: r.searched,
      unreachable: r.unreachable,
    };
  }
  if (outcome.id === CheckId.Worklist) return worklistJson(outcome.result, showPhi);
  if (outcome.id === CheckId.Priors) return priorsJson(outcome.result, showPhi);
  if (outcome.id === CheckId.Unidentified) {
    const r = outcome.result;
    return {
      ...r,
      flagged: r.flagged.map(({ record, reasons }) => ({ ...maskStudy(record, Role.Admin, { showPhi }), reasons })),
    };
  }
  if (outcome.id === CheckId.Anomalies) {
    const { items, ...r } = outcome.result;
    return { anomalies: items.map((item) => maskAnomaly(item, Role.Admin, { showPhi })), ...r };
  }
  return outcome.result;
}
