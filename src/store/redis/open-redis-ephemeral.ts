/** Connects to Redis for the ephemeral store, failing fast when it does not answer. */
import { Redis } from 'ioredis';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import { redisEphemeralStore } from './redis-ephemeral-store.ts';

/** Opens a Redis client on `url` (`redis://…`) and the ephemeral store on it. */
export async function openRedisEphemeral(url: string, options: { prefix?: string } = {}): Promise<EphemeralBackend> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect(); // stop reconnecting, or the process would never exit
    throw error;
  }
  return {
    store: redisEphemeralStore(client, options),
    async health() {
      await client.ping();
    },
    async close() {
      await client.quit();
    },
  };
}
