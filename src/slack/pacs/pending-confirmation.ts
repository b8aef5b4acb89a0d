/** A pending side effect: who asked for what, valid for five minutes, runnable once. */
export interface PendingConfirmation {
  userId: string;
  teamId?: string;
  command: string;
  text: string;
}

export const confirmTtlMs = 5 * 60 * 1000;

/** The state-store key of a pending confirmation (the id rides on the Confirm and Cancel buttons). */
export const pendingKey = (id: string) => `pacs-confirm:${id}`;
