/** The clock the store reads for expiry and timestamps; tests inject one they can advance. */

/** Milliseconds since the epoch, as `Date.now()` returns them. */
export interface StoreClock {
  now(): number;
}

/** The wall clock. */
export const systemClock: StoreClock = { now: () => Date.now() };
