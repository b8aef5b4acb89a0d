import type { StateStore } from '../../state/create-state-store.js';
import { createOnceClaims } from '../../state/event-dedupe.js';

/** As long as the answer record: a button on a month-old message must not post its step again. */
const claimTtlMs = 30 * 24 * 60 * 60 * 1000;

/** "Post step n of answer a" happens once, however often and from whichever copy of the button it is clicked. */
export function createGuideClaims(state: StateStore) {
  const once = createOnceClaims(state, 'guide-step', claimTtlMs);
  return {
    claim: (answerId: string, n: number) => once.claim(`${answerId}:${n}`),
    /** Forgets a claim whose post failed, so the next click tries again. */
    release: (answerId: string, n: number) => once.release(`${answerId}:${n}`),
  };
}

export type GuideClaims = ReturnType<typeof createGuideClaims>;
