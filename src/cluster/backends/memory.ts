import type { ClusterBackend } from './cluster-backend.js';

/**
 * Claims and leases in this process only: for a single instance (SQLite deployments) and tests. Every step runs
 * synchronously, so it is atomic among callers in the process; it shares nothing with another process.
 */
export function memoryBackend(): ClusterBackend {
  const claims = new Map<string, { owner: string; expiresAt: number }>();
  // Entries stay after release (expiresAt 0) so that a lease's token never goes back down.
  const leases = new Map<string, { holder: string; token: number; expiresAt: number }>();
  const live = (entry: { expiresAt: number } | undefined, at: number) => entry !== undefined && entry.expiresAt > at;
  return {
    claims: {
      async claim(key, owner, ttlMs, at) {
        if (live(claims.get(key), at)) return false;
        claims.set(key, { owner, expiresAt: at + ttlMs });
        return true;
      },
      async release(key, owner) {
        if (claims.get(key)?.owner === owner) claims.delete(key);
      },
      async extend(key, owner, ttlMs, at) {
        const entry = claims.get(key);
        if (!entry || entry.owner !== owner || !live(entry, at)) return false;
        entry.expiresAt = at + ttlMs;
        return true;
      },
      async prune(at) {
        const expired = [...claims].filter(([, entry]) => !live(entry, at));
        for (const [key] of expired) claims.delete(key);
        return expired.length;
      },
    },
    leases: {
      async acquire(name, holder, ttlMs, at) {
        const entry = leases.get(name);
        const held = live(entry, at);
        if (held && entry?.holder !== holder) return undefined;
        const token = held && entry ? entry.token : (entry?.token ?? 0) + 1;
        leases.set(name, { holder, token, expiresAt: at + ttlMs });
        return token;
      },
      async renew(name, holder, token, ttlMs, at) {
        const entry = leases.get(name);
        if (!entry || entry.holder !== holder || entry.token !== token || !live(entry, at)) return false;
        entry.expiresAt = at + ttlMs;
        return true;
      },
      async release(name, holder, token) {
        const entry = leases.get(name);
        if (entry && entry.holder === holder && entry.token === token) entry.expiresAt = 0;
      },
    },
  };
}
