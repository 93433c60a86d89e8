/**
 * How long a cached read of stored configuration (configuration documents, realms, which revision
 * of a journey is current) is trusted. Writes through Arbor invalidate at once; this bounds how
 * long a change made behind Arbor's back (another process, the CLI, SQL) can go unseen, until
 * cross-process invalidation arrives with scale-out.
 */

/** Five seconds. */
export const CACHE_TTL_MS = 5_000;

/** True when an entry read at `at` is older than `ttlMs` at `now` (or the clock went back). */
export function isStale(at: number, now: number, ttlMs: number): boolean {
  return now - at >= ttlMs || now < at;
}
