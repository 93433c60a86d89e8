/** A clock tests move by hand: no sleeps. */

/** A clock with `advance`. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** Starts at `start` (ms since the epoch; 2024-05-01T10:00:00Z by default). */
export function createManualClock(start = Date.UTC(2024, 4, 1, 10, 0, 0)): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
  };
}
