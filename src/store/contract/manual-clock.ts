/** A clock tests move by hand, so expiry is tested without waiting. */

/** A clock whose `now()` only changes through `advance` and `set`. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

/** A manual clock starting at `start` (epoch milliseconds). */
export function manualClock(start = 1_700_000_000_000): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(ms) {
      current = ms;
    },
  };
}
