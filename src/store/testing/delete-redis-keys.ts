/**
 * Cleaning up after a test that used Redis under a key prefix of its own: every key under the
 * prefix deleted, found with SCAN (never KEYS, which blocks a shared server).
 */
import type { Redis } from 'ioredis';

/** Deletes every key under `prefix`. */
export async function deleteRedisKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
