/**
 * EphemeralStore on Redis: Redis expires keys itself; GETDEL, a Lua script and `SET … PX … XX`
 * give the atomic `consume`, `increment` and `replaceIfPresent`. Keys are prefixed (`arbor:` by default) to share a Redis safely.
 * Cluster-safe: every command, and the script, touches one key only (so one hash slot), and
 * keys need no hash tag.
 */
import type { EphemeralStore } from '../ephemeral-store.ts';
import type { RedisClient } from './create-redis-client.ts';

/** The default key prefix. */
export const REDIS_KEY_PREFIX = 'arbor:';

/**
 * INCR, capped at ARGV[2] when given (DECRBY keeps the TTL), and PEXPIRE when the counter has no
 * expiry yet, that is when INCR just created it: the window starts with the first count.
 */
/** Takes one back from a live counter, not below zero; DECR keeps the key's expiry. */
const DECREMENT_SCRIPT = `
local value = tonumber(redis.call('GET', KEYS[1]))
if value ~= nil and value > 0 then
  redis.call('DECR', KEYS[1])
end
return 0
`;

const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local max = tonumber(ARGV[2])
if max ~= nil and count > max then
  redis.call('DECRBY', KEYS[1], count - max)
  count = max
end
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count
`;

/** Redis wants whole, positive milliseconds. */
function ttl(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}

/** Ephemeral values in Redis through `client`, under `prefix`. */
export function redisEphemeralStore(client: RedisClient, options: { prefix?: string } = {}): EphemeralStore {
  const prefix = options.prefix ?? REDIS_KEY_PREFIX;
  const k = (key: string): string => prefix + key;
  return {
    async put(key, value, ttlMs) {
      await client.set(k(key), value, 'PX', ttl(ttlMs));
    },
    async replaceIfPresent(key, value, ttlMs) {
      // XX: only an existing (so unexpired) key is set; a deleted one stays deleted.
      return (await client.set(k(key), value, 'PX', ttl(ttlMs), 'XX')) === 'OK';
    },
    async get(key) {
      return (await client.get(k(key))) ?? undefined;
    },
    async consume(key) {
      return (await client.getdel(k(key))) ?? undefined;
    },
    async delete(key) {
      await client.del(k(key));
    },
    async increment(key, { ttlMs, max }) {
      const result = await client.eval(INCREMENT_SCRIPT, 1, k(key), ttl(ttlMs), max === undefined ? '' : String(max));
      if (typeof result !== 'number') throw new Error(`unexpected reply to increment of ${key}`);
      return result;
    },
    async decrement(key) {
      await client.eval(DECREMENT_SCRIPT, 1, k(key));
    },
    async purgeExpired() {
      return 0; // Redis expires keys itself.
    },
  };
}
