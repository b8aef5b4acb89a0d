import type { z } from 'zod';
import type { Role } from '../../core/roles.js';
import { anomaliesCheck } from './anomalies.js';
import type { CheckId, PacsCheck } from './check-types.js';
import { echoCheck } from './echo.js';
import { fetchPriorCheck } from './fetch-prior.js';
import { jobCancelCheck, jobRetryCheck } from './job-checks.js';
import { priorsCheck } from './priors.js';
import { queueCheck } from './queue.js';
import { statusCheck } from './status.js';
import { studyCheck } from './study.js';
import { unidentifiedCheck } from './unidentified.js';
import { worklistCheck } from './worklist.js';

/** All PACS checks, in help order. */
export const pacsChecks = [
  studyCheck,
  worklistCheck,
  priorsCheck,
  queueCheck,
  echoCheck,
  unidentifiedCheck,
  anomaliesCheck,
  statusCheck,
  jobRetryCheck,
  jobCancelCheck,
  fetchPriorCheck,
] as const;

/** The registered check of each id (`never` for an id without one). */
type RegisteredCheck<Id extends CheckId> = Extract<(typeof pacsChecks)[number], { id: Id }>;

/** The validated arguments of a check, by id: `ArgsOf<typeof CheckId.Study>` is `StudyArgs`. */
export type ArgsOf<Id extends CheckId> = z.output<RegisteredCheck<Id>['args']>;

/** What a check's `run` resolves to, by id: `ResultOf<typeof CheckId.Study>` is `StudyCheckResult`. */
export type ResultOf<Id extends CheckId> = Awaited<ReturnType<RegisteredCheck<Id>['run']>>;

/** A check with the argument and result types its id stands for. */
export type CheckOf<Id extends CheckId> = PacsCheck<Id, ArgsOf<Id>, ResultOf<Id>>;

/** Any registered check: a union over ids, so narrowing `id` narrows its arguments and result. */
export type AnyPacsCheck = { [Id in CheckId]: CheckOf<Id> }[CheckId];

/** What `/pacs help` shows for one check; generated, so help cannot drift from the code. */
export interface HelpEntry {
  command: string;
  title: string;
  usage: string;
  summary: string;
  examples: readonly string[];
  requiredRole: Role;
  sideEffects: boolean;
}

export interface CheckRegistry {
  /** Every check in help order; with `role`, only those the role may run. */
  list(role?: Role): readonly AnyPacsCheck[];
  /** Exact command name (ASCII, case-insensitive); look-alikes, prefixes and typos find nothing. */
  find(command: string): AnyPacsCheck | undefined;
  allowed(check: Pick<AnyPacsCheck, 'requiredRole'>, role: Role | undefined): boolean;
  help(role?: Role): HelpEntry[];
}

const rank: Record<Role, number> = { requester: 0, associate: 1, admin: 2 };

/**
 * Whether `role` may run a check: at least its `requiredRole`. No role, or an unknown one, may run nothing.
 *
 * @example `checkAllowed(jobRetryCheck, 'associate')` → `false`
 */
export function checkAllowed(check: Pick<AnyPacsCheck, 'requiredRole'>, role: Role | undefined): boolean {
  if (role === undefined || !Object.hasOwn(rank, role)) return false;
  return rank[role] >= rank[check.requiredRole];
}

/**
 * Builds a registry over `checks`; command names must be unique.
 *
 * @example `createCheckRegistry().find('study')?.id` → `'pacs.study'`
 */
export function createCheckRegistry(checks: readonly AnyPacsCheck[] = pacsChecks): CheckRegistry {
  const byCommand = new Map<string, AnyPacsCheck>();
  for (const check of checks) {
    if (byCommand.has(check.command)) throw new Error(`duplicate check command ${check.command}`);
    byCommand.set(check.command, check);
  }
  const list = (role?: Role) => (role === undefined ? checks : checks.filter((c) => checkAllowed(c, role)));
  return {
    list,
    find: (command) => (/^[A-Za-z][A-Za-z.-]{0,31}$/.test(command) ? byCommand.get(command.toLowerCase()) : undefined),
    allowed: checkAllowed,
    help: (role) =>
      list(role).map(({ command, title, usage, summary, examples, requiredRole, sideEffects }) => ({
        command,
        title,
        usage,
        summary,
        examples,
        requiredRole,
        sideEffects,
      })),
  };
}

/**
 * The documented roles table, which a test compares with every command × every role: the least role each
 * command needs. Requesters run none of them; associates all reads; admins also the writes.
 */
export const checkRoles = Object.fromEntries(pacsChecks.map((c) => [c.id, c.requiredRole])) as Record<CheckId, Role>;
