/**
 * Incident bookkeeping for monitors: a problem is announced once when it starts, stays quiet while it
 * lasts, and is announced again once when it clears. State lives in a small key-value store so a
 * restart neither repeats an open incident nor forgets it.
 */
export interface IncidentState {
  get(key: string): Promise<{ since: string; summary: string } | undefined>;
  set(key: string, value: { since: string; summary: string }): Promise<void>;
  delete(key: string): Promise<void>;
}

export type Transition =
  | { kind: 'opened'; key: string; summary: string }
  | { kind: 'recovered'; key: string; summary: string; since: string }
  | { kind: 'unchanged'; key: string };

/** Compares one observation with the stored state and records the change, if any. */
export async function observe(
  state: IncidentState,
  key: string,
  problem: string | undefined,
  now: Date,
): Promise<Transition> {
  const open = await state.get(key);
  if (problem && !open) {
    await state.set(key, { since: now.toISOString(), summary: problem });
    return { kind: 'opened', key, summary: problem };
  }
  if (!problem && open) {
    await state.delete(key);
    return { kind: 'recovered', key, summary: open.summary, since: open.since };
  }
  return { kind: 'unchanged', key };
}
