import type { StateStore } from '../../state/create-state-store.js';

/** As long as the answer record: a button on a month-old message must not post its step again. */
const claimTtlMs = 30 * 24 * 60 * 60 * 1000;

/**
 * "Post step n of answer a" happens once, however often and from whichever copy of the button it is clicked.
 * The in-process set closes the race between two clicks arriving together; the state store remembers the
 * claim across restarts (and across instances sharing Redis).
 */
export function createGuideClaims(state: StateStore) {
  const inFlight = new Set<string>();
  return {
    async claim(answerId: string, n: number): Promise<boolean> {
      const key = `guide-step:${answerId}:${n}`;
      if (inFlight.has(key)) return false;
      inFlight.add(key);
      try {
        if (await state.get(key)) return false;
        await state.set(key, 1, claimTtlMs);
        return true;
      } finally {
        inFlight.delete(key);
      }
    },
    /** Forgets a claim whose post failed, so the next click tries again. */
    async release(answerId: string, n: number): Promise<void> {
      await state.delete(`guide-step:${answerId}:${n}`);
    },
  };
}

export type GuideClaims = ReturnType<typeof createGuideClaims>;
