import { randomUUID } from 'node:crypto';
import type { CheckOutcome } from '../../pacs/checks/check-outcome.js';
import { CheckId } from '../../pacs/checks/check-types.js';
import type { StateStore } from '../../state/create-state-store.js';

/**
 * The priors an admin may fetch, kept server-side: the *Fetch* buttons carry `offerId:n`, never a study UID (a UID
 * identifies a patient's study as surely as an accession does).
 */
export interface FetchOffer {
  userId: string;
  teamId?: string;
  /** Parallel to the listed priors; `null` where that line has no Fetch button. */
  items: ({ studyInstanceUid: string; site: string } | null)[];
}

/** As long as Slack lets a response_url be used. */
export const fetchOfferTtlMs = 30 * 60 * 1000;

export const fetchOfferKey = (id: string) => `pacs-fetch-offer:${id}`;

/** Stores the fetchable priors of a priors result; returns the offer id, or undefined when nothing can be fetched. */
export async function offerFetches(
  state: StateStore,
  outcome: CheckOutcome,
  actor: { userId: string; teamId?: string },
): Promise<string | undefined> {
  if (outcome.kind !== 'result' || outcome.id !== CheckId.Priors) return undefined;
  const { matches, fetchable } = outcome.result;
  if (!fetchable.some(Boolean)) return undefined;
  const items = matches.map(({ record }, i) =>
    fetchable[i] ? { studyInstanceUid: record.studyInstanceUid, site: record.site } : null,
  );
  const id = randomUUID();
  const offer: FetchOffer = { ...actor, items };
  await state.set(fetchOfferKey(id), offer, fetchOfferTtlMs);
  return id;
}
