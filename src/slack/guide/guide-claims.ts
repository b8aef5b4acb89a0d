import type { OnceClaims } from '../../cluster/once-claims.js';

/** As long as the answer record: a button on a month-old message must not post its step again. */
const claimTtlMs = 30 * 24 * 60 * 60 * 1000;

/** "Post step n of answer a" happens once, however often, from whichever copy of the button, on whichever replica. */
export function createGuideClaims(once: OnceClaims) {
  return {
    claim: (answerId: string, n: number) => once.claim(`guide-step:${answerId}:${n}`, claimTtlMs),
    /** Forgets a claim whose post failed, so the next click tries again. */
    release: (answerId: string, n: number) => once.release(`guide-step:${answerId}:${n}`),
  };
}

export type GuideClaims = ReturnType<typeof createGuideClaims>;
