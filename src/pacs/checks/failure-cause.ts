import { EchoCause } from '../types.js';

/** Why a transfer or echo failed, in words a clinician can act on. A subset of `EchoCause`. */
export const FailureCause = {
  Refused: EchoCause.Refused,
  Timeout: EchoCause.Timeout,
  WrongProtocol: EchoCause.WrongProtocol,
  Rejected: EchoCause.Rejected,
  Other: EchoCause.Other,
} as const;
export type FailureCause = (typeof FailureCause)[keyof typeof FailureCause];

/** Human labels for the renderer. */
export const failureCauseLabel: Record<FailureCause, string> = {
  refused: 'refused',
  timeout: 'timeout',
  wrong_protocol: 'wrong protocol',
  rejected: 'rejected',
  other: 'other',
};

// Orthanc `ErrorDetails` (pacs-apis §5.4–5.5), dcm4chee `errorMessage` and its echo result names.
const rules: readonly (readonly [RegExp, FailureCause])[] = [
  [/connection refused|TCP Initiali[sz]ation Error|ECONNREFUSED|FailedToConnect/i, FailureCause.Refused],
  [/timed? ?out|DUL network read timeout|ETIMEDOUT|FailedToReceive/i, FailureCause.Timeout],
  [/Unrecognized PDU|Unknown PDU type|IncompatibleConnection/i, FailureCause.WrongProtocol],
  [/association rejected|AssociationRejected|not authori[sz]ed|abort/i, FailureCause.Rejected],
];

/**
 * Maps an archive's error text to a cause. The text itself is never returned (it may name hosts).
 *
 * @example `failureCause('… TCP Initialization Error: Connection refused')` → `'refused'`
 */
export function failureCause(errorText: string | undefined): FailureCause {
  if (!errorText) return FailureCause.Other;
  const text = errorText.length > 2_000 ? errorText.slice(0, 2_000) : errorText;
  for (const [pattern, cause] of rules) if (pattern.test(text)) return cause;
  return FailureCause.Other;
}
