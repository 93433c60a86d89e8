/**
 * The ephemeral store port: short-lived values with expiry (journey state, suspended journeys,
 * sessions, counters, one-time tokens). `consume`, `increment` and `decrement` are the only ways to touch
 * single-use or counted state, and `replaceIfPresent` the only way to rewrite a value that may be
 * deleted meanwhile (a session being logged out); all three are atomic across processes.
 */

/** Key-value storage with expiry; SQL by default, Redis when configured. */
export interface EphemeralStore {
  /** Stores `value` under `key` for `ttlMs`, replacing any earlier value. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Replaces the value of `key` and its expiry (`ttlMs` from now) only when the key holds a live
   * value, in one atomic step; true when it did. Never creates: of a concurrent `delete` (or
   * `consume`) and `replaceIfPresent`, the delete always wins, whichever runs first.
   */
  replaceIfPresent(key: string, value: string, ttlMs: number): Promise<boolean>;
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
  /**
   * Takes one back from a live counter, atomically: never below zero, never creating a counter,
   * keeping its expiry (an attempt reserved with `increment` that turned out not to count).
   */
  decrement(key: string): Promise<void>;
  /** Removes expired entries (a no-op where the backend expires by itself); returns how many. */
  purgeExpired(): Promise<number>;
}
