/**
 * The Redis ephemeral store with outages turned into typed errors: a command that gets no answer
 * within the command timeout, or meets a lost connection (or a reconnection in progress, since
 * commands are never queued while offline), becomes a `StoreConnectionError`
 * (`STORE_UNAVAILABLE`, stage `use`), which the HTTP layer answers with a 503. An error Redis
 * itself answered (a `ReplyError`) passes through untouched.
 */
import type { EphemeralStore } from '../ephemeral-store.ts';
import { errorCodeOf, networkReason, storeConnectionError } from '../store-connection-error.ts';

/** Words for a failed command, or undefined when Redis itself answered with an error. */
function reasonOf(error: unknown, commandTimeoutMs: number): string | undefined {
  if (!(error instanceof Error) || error.name === 'ReplyError') return undefined;
  const network = networkReason(errorCodeOf(error), commandTimeoutMs);
  if (network !== undefined) return network;
  if (/timed out|ETIMEDOUT/i.test(error.message)) return `no answer within ${commandTimeoutMs / 1000} seconds`;
  if (/Connection is closed|Stream isn't writeable|Reached the max retries|ECONNRESET|ECONNREFUSED|EPIPE|Cluster isn't ready|Failed to refresh slots cache|All sentinels are unreachable/i.test(error.message) || error.name === 'MaxRetriesPerRequestError') return 'the connection is lost (reconnecting)';
  return undefined;
}

/** `store` (on the Redis at `address`, as `parseRedisUrl` names it) with unavailability reported as `STORE_UNAVAILABLE`. */
export function guardRedisEphemeral(store: EphemeralStore, address: string, commandTimeoutMs: number): EphemeralStore {
  const guard = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      const reason = reasonOf(error, commandTimeoutMs);
      throw reason === undefined ? error : storeConnectionError({ service: 'Redis', address, stage: 'use', reason }, error);
    }
  };
  return {
    put: (key, value, ttlMs) => guard(store.put(key, value, ttlMs)),
    replaceIfPresent: (key, value, ttlMs) => guard(store.replaceIfPresent(key, value, ttlMs)),
    get: (key) => guard(store.get(key)),
    consume: (key) => guard(store.consume(key)),
    delete: (key) => guard(store.delete(key)),
    increment: (key, options) => guard(store.increment(key, options)),
    decrement: (key) => guard(store.decrement(key)),
    purgeExpired: () => guard(store.purgeExpired()),
  };
}
