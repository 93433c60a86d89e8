/**
 * Connects to Redis (any ARBOR_REDIS_URL form: one server, Sentinel, Cluster) for the ephemeral store, failing fast when it does not answer: one attempt,
 * at most `connectTimeoutMs`, no reconnection before the first success, and a
 * `StoreConnectionError` in words (`cannot connect to Redis at 127.0.0.1:6390: connection
 * refused`) instead of ioredis's unhandled error events. Once connected, every command has
 * `commandTimeoutMs` to be answered, commands are never queued while the connection is down, and
 * those in flight when it drops fail at once, never sent again after a reconnection (an
 * interrupted `GETDEL` or `INCR` must fail, not run twice),
 * and a lost connection is retried with a bounded backoff: meanwhile commands fail at once with
 * `STORE_UNAVAILABLE`, and `health()` reports it. A TLS URL is verified against `ca` when given
 * (ARBOR_REDIS_CA_FILE), and a certificate refused is a `StoreConnectionError` saying why.
 */
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import { storeConnectionError } from '../store-connection-error.ts';
import { DEFAULT_STORE_TIMEOUTS } from '../store-timeouts.ts';
import { closeRedisClient, createRedisClient } from './create-redis-client.ts';
import { guardRedisEphemeral } from './guard-redis-ephemeral.ts';
import { parseRedisUrl } from './parse-redis-url.ts';
import { redisConnectReason, redisTimeoutReason } from './redis-connect-reason.ts';
import { redisEphemeralStore } from './redis-ephemeral-store.ts';

/** How long the first connection may take, by default. */
export const REDIS_CONNECT_TIMEOUT_MS = 5000;

/** How the ephemeral store connects. */
export interface RedisEphemeralOptions {
  /** Key prefix (`arbor:` by default). */
  prefix?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** PEM certificates of the CAs trusted for a TLS URL (ARBOR_REDIS_CA_FILE); the system's when undefined. */
  ca?: string | undefined;
}

/** Opens a Redis client on `url` (any form `parseRedisUrl` reads) and the ephemeral store on it. */
export async function openRedisEphemeral(url: string, options: RedisEphemeralOptions = {}): Promise<EphemeralBackend> {
  const timeoutMs = options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS;
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_STORE_TIMEOUTS.redisCommandMs;
  const target = parseRedisUrl(url);
  let connected = false;
  let lastError: unknown;
  const client = createRedisClient(target, {
    commandTimeoutMs,
    connectTimeoutMs: timeoutMs,
    ca: options.ca,
    // No retry storm at start: the first failure is final. Later, back off up to 2 seconds.
    retry: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  // Without a listener ioredis prints every failed attempt with its stack trace.
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  // connectTimeout covers TCP only: a server that accepts and never answers would hang the start.
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Error(redisTimeoutReason(target, timeoutMs));
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut), timeoutMs);
  });
  const connecting = client.connect();
  connecting.catch(() => undefined); // settles after the deadline when that wins
  try {
    await Promise.race([connecting, deadline]);
    connected = true;
  } catch (error) {
    // Stop reconnecting, or the process would never exit.
    await closeRedisClient(client, target);
    const cause = error === timedOut ? error : (lastError ?? error);
    const reason = error === timedOut ? timedOut.message : await redisConnectReason(cause, target, timeoutMs, options.ca);
    throw storeConnectionError({ service: 'Redis', address: target.address, stage: 'connect', reason }, cause);
  } finally {
    clearTimeout(timer);
  }
  return {
    store: guardRedisEphemeral(redisEphemeralStore(client, options), target.address, commandTimeoutMs),
    async health() {
      await client.ping();
    },
    close: () => closeRedisClient(client, target),
  };
}
