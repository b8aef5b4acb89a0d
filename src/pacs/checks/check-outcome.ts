import type { CheckId } from './check-types.js';
import type { ArgsOf, CheckOf, ResultOf } from './registry.js';

/** One outcome for one check, its arguments and result typed by the check's id. */
export type OutcomeFor<Id extends CheckId> =
  | { kind: 'denied'; id: Id; check: CheckOf<Id>; message: string }
  | { kind: 'invalid'; id: Id; check: CheckOf<Id>; message: string }
  /** A side effect waiting for the person's Confirm click; `description` is the sentence on the button. */
  | { kind: 'confirm'; id: Id; check: CheckOf<Id>; args: ArgsOf<Id>; description: string }
  | { kind: 'result'; id: Id; check: CheckOf<Id>; args: ArgsOf<Id>; result: ResultOf<Id> }
  /** `code`: a stable error code (`audit_unavailable`, `pacs_timeout`…) for logs; `message` is safe to show. */
  | { kind: 'failed'; id: Id; check: CheckOf<Id>; message: string; reference: string; code: string };

/**
 * What running a check came to. A union over check ids: after `kind === 'result'`, switching on `id` (a `CheckId`
 * constant) narrows `result` to that check's `ResultOf<Id>`.
 */
export type CheckOutcome<Id extends CheckId = CheckId> = { kind: 'unknown' } | { [K in Id]: OutcomeFor<K> }[Id];

/** A check's result with its types. */
export type ResultOutcome<Id extends CheckId = CheckId> = Extract<CheckOutcome<Id>, { kind: 'result' }>;

/** Any one check's outcome is a `CheckOutcome`. */
export const widen = <Id extends CheckId>(outcome: OutcomeFor<Id>): CheckOutcome<Id> => outcome;
