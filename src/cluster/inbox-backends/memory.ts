import type { InboxBackend, TakenRow } from '../inbox.js';

interface Row {
  owner: string;
  state: 'pending' | 'done';
  payload: string | null;
  attempts: number;
  leaseUntil: number;
  keepUntil: number | null;
  createdAt: number;
}

/**
 * The inbox in this process only: for tests and tools. Every step runs synchronously, so it is atomic among
 * callers in the process; it shares nothing with another process. `rows` is exposed for tests that check storage.
 */
export function memoryInboxBackend(): InboxBackend & { readonly rows: ReadonlyMap<string, Readonly<Row>> } {
  const rows = new Map<string, Row>();
  const mine = (key: string, owner: string) => {
    const row = rows.get(key);
    return row?.state === 'pending' && row.owner === owner ? row : undefined;
  };
  // Oldest first, as a database would pick them; `limit` bounds how many one call touches.
  const expired = (at: number, limit: number, fits: (row: Row) => boolean) =>
    [...rows.entries()]
      .filter(([, row]) => row.state === 'pending' && row.leaseUntil <= at && fits(row))
      .sort(([ka, a], [kb, b]) => a.createdAt - b.createdAt || (ka < kb ? -1 : 1))
      .slice(0, limit);
  return {
    rows,
    async admit({ key, owner, payload, leaseUntil }, at) {
      const row = rows.get(key);
      if (row && !(row.state === 'done' && (row.keepUntil ?? 0) <= at)) return false;
      rows.set(key, { owner, state: 'pending', payload, attempts: 0, leaseUntil, keepUntil: null, createdAt: at });
      return true;
    },
    async heartbeat(key, owner, leaseUntil) {
      const row = mine(key, owner);
      if (row) row.leaseUntil = leaseUntil;
      return row !== undefined;
    },
    async complete(key, owner, keepUntil) {
      const row = mine(key, owner);
      if (row) Object.assign(row, { state: 'done', payload: null, keepUntil });
      return row !== undefined;
    },
    async abandon(key, owner) {
      const row = mine(key, owner);
      if (row) row.leaseUntil = 0;
    },
    async giveUp(maxAttempts, keepUntil, at, limit) {
      return expired(at, limit, (row) => row.attempts >= maxAttempts).map(([key, row]) => {
        Object.assign(row, { state: 'done', payload: null, keepUntil });
        return { key, attempts: row.attempts };
      });
    },
    async takeOver(owner, leaseUntil, maxAttempts, at, limit) {
      return expired(at, limit, (row) => row.attempts < maxAttempts).map(([key, row]): TakenRow => {
        Object.assign(row, { owner, leaseUntil, attempts: row.attempts + 1 });
        return { key, payload: row.payload ?? 'null', attempts: row.attempts, createdAt: row.createdAt };
      });
    },
    async prune(at) {
      const old = [...rows.entries()].filter(([, row]) => row.state === 'done' && (row.keepUntil ?? 0) <= at);
      for (const [key] of old) rows.delete(key);
      return old.length;
    },
  };
}
