import type { ClusterBackend } from './cluster-backend.js';

/**
 * The one call this backend needs from a Redis client: node-redis's `sendCommand` (the `createClient` that
 * `@keyv/redis` re-exports fits). Typed structurally so that this folder imports no driver.
 */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

// Compare-and-set steps run as Lua so that the check and the change are one atomic step in Redis.
const releaseClaim = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const extendClaim = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

// KEYS[1]: the lease hash {holder, token}, expiring; KEYS[2]: the token counter, never expiring.
const acquireLease = `local holder = redis.call('HGET', KEYS[1], 'holder')
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(redis.call('HGET', KEYS[1], 'token'))
end
if holder then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'token', token)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return token`;
const holds = `redis.call('HGET', KEYS[1], 'holder') == ARGV[1] and redis.call('HGET', KEYS[1], 'token') == ARGV[2]`;
const renewLease = `if ${holds} then return redis.call('PEXPIRE', KEYS[1], ARGV[3]) end return 0`;
const releaseLease = `if ${holds} then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Claims and leases in Redis, shared by every replica using the same server and `prefix`. Expiry is Redis's own
 * (`PX`/`PEXPIRE`), so replicas' clocks do not matter. A claim is `SET key owner NX PX ttl`; a lease's fencing
 * token comes from `INCR` on a counter that never expires (it survives as long as Redis keeps its data).
 */
export function redisBackend(client: RedisCommands, options: { prefix?: string } = {}): ClusterBackend {
  const prefix = options.prefix ?? 'pacs-desk:cluster';
  const claimKey = (key: string) => `${prefix}:claim:${key}`;
  // The hash tag {name} keeps a lease and its counter in one slot, as a Redis Cluster script requires.
  const leaseKeys = (name: string) => [`${prefix}:lease:{${name}}`, `${prefix}:lease:{${name}}:token`];
  const run = (script: string, keys: string[], args: (string | number)[]) =>
    client.sendCommand(['EVAL', script, String(keys.length), ...keys, ...args.map(String)]);
  return {
    claims: {
      async claim(key, owner, ttlMs) {
        return (await client.sendCommand(['SET', claimKey(key), owner, 'NX', 'PX', String(ttlMs)])) === 'OK';
      },
      async release(key, owner) {
        await run(releaseClaim, [claimKey(key)], [owner]);
      },
      async extend(key, owner, ttlMs) {
        return (await run(extendClaim, [claimKey(key)], [owner, ttlMs])) === 1;
      },
      // Every claim key carries its own PX expiry, so Redis has already removed the expired ones.
      async prune() {
        return 0;
      },
    },
    leases: {
      async acquire(name, holder, ttlMs) {
        const token = await run(acquireLease, leaseKeys(name), [holder, ttlMs]);
        return typeof token === 'number' ? token : undefined;
      },
      async renew(name, holder, token, ttlMs) {
        return (await run(renewLease, leaseKeys(name), [holder, token, ttlMs])) === 1;
      },
      async release(name, holder, token) {
        await run(releaseLease, leaseKeys(name), [holder, token]);
      },
    },
  };
}
