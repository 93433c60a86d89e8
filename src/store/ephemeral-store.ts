/**
 * The ephemeral store port: short-lived values with expiry (journey state, suspended journeys,
 * sessions, counters, one-time tokens). `consume` and `increment` are the only ways to touch
 * single-use or counted state; both are atomic across processes.
 */

/** Key-value storage with expiry; SQL by default, Redis when configured. */
export interface EphemeralStore {
  /** Stores `value` under `key` for `ttlMs`, replacing any earlier value. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Reads and deletes in one step: of two concurrent calls exactly one gets the value. */
  consume(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /**
   * Adds one to the counter and returns the new count. The expiry is set when the counter is
   * created (a window). With `max`, the counter never goes past it: at `max` it stays and the
   * returned count is `max`.
   */
  increment(key: string, options: { ttlMs: number; max?: number }): Promise<number>;
  /** Removes expired entries (a no-op where the backend expires by itself); returns how many. */
  purgeExpired(): Promise<number>;
}
