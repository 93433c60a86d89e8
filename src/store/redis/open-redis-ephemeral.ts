/**
 * Connects to Redis for the ephemeral store, failing fast when it does not answer: one attempt,
 * at most `connectTimeoutMs`, no reconnection before the first success, and a
 * `StoreConnectionError` in words (`cannot connect to Redis at 127.0.0.1:6390: connection
 * refused`) instead of ioredis's unhandled error events. Once connected, every command has
 * `commandTimeoutMs` to be answered, commands are never queued while the connection is down, and
 * those in flight when it drops fail at once, never sent again after a reconnection (an
 * interrupted `GETDEL` or `INCR` must fail, not run twice),
 * and a lost connection is retried with a bounded backoff: meanwhile commands fail at once with
 * `STORE_UNAVAILABLE`, and `health()` reports it.
 */
import { Redis } from 'ioredis';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import { errorCodeOf, networkReason, serviceAddress, storeConnectionError, withoutPassword } from '../store-connection-error.ts';
import { DEFAULT_STORE_TIMEOUTS } from '../store-timeouts.ts';
import { guardRedisEphemeral } from './guard-redis-ephemeral.ts';
import { redisEphemeralStore } from './redis-ephemeral-store.ts';

/** How long the first connection may take, by default. */
export const REDIS_CONNECT_TIMEOUT_MS = 5000;

/** Words for what Redis (or the network) answered. */
function reasonOf(error: unknown, url: string, timeoutMs: number): string {
  const network = networkReason(errorCodeOf(error), timeoutMs);
  if (network !== undefined) return network;
  const message = error instanceof Error ? error.message : String(error);
  if (/NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(message)) return 'authentication failed (check the user name and password in the URL)';
  if (/timeout|timed out/i.test(message)) return `no answer within ${timeoutMs / 1000} seconds`;
  if (/Unknown RESP type|Protocol error/i.test(message)) return 'the server there does not speak the Redis protocol';
  return withoutPassword(message, url);
}

/** Opens a Redis client on `url` (`redis://…`) and the ephemeral store on it. */
export async function openRedisEphemeral(url: string, options: { prefix?: string; connectTimeoutMs?: number; commandTimeoutMs?: number } = {}): Promise<EphemeralBackend> {
  const timeoutMs = options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS;
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_STORE_TIMEOUTS.redisCommandMs;
  let connected = false;
  let lastError: unknown;
  const client = new Redis(url, {
    lazyConnect: true,
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    keepAlive: 10_000,
    connectTimeout: timeoutMs,
    disconnectTimeout: 500,
    // No retry storm at start: the first failure is final. Later, back off up to 2 seconds.
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  // Without a listener ioredis prints every failed attempt with its stack trace.
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  // connectTimeout covers TCP only: a server that accepts and never answers would hang the start.
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Error(`no answer within ${timeoutMs / 1000} seconds`);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut), timeoutMs);
  });
  const connecting = client.connect();
  connecting.catch(() => undefined); // settles after the deadline when that wins
  try {
    await Promise.race([connecting, deadline]);
    connected = true;
  } catch (error) {
    // Stop reconnecting, or the process would never exit; an ended client has nothing to close
    // (disconnecting it anyway would keep the process alive for disconnectTimeout).
    if (client.status !== 'end') client.disconnect();
    const cause = error === timedOut ? error : (lastError ?? error);
    const reason = error === timedOut ? timedOut.message : reasonOf(cause, url, timeoutMs);
    throw storeConnectionError({ service: 'Redis', address: serviceAddress(url, 6379), stage: 'connect', reason }, cause);
  } finally {
    clearTimeout(timer);
  }
  return {
    store: guardRedisEphemeral(redisEphemeralStore(client, options), url, commandTimeoutMs),
    async health() {
      await client.ping();
    },
    async close() {
      // QUIT needs a live connection; one that is down is simply dropped (and stops reconnecting).
      if (client.status === 'ready') {
        try {
          await client.quit();
          return;
        } catch {
          // Not answered in time: drop it below.
        }
      }
      if (client.status !== 'end') client.disconnect();
    },
  };
}
