/**
 * Fixed time windows aligned on the clock (`floor(now / length)`): a counter keyed by its window's
 * index starts afresh in the next window on every process and every backend, whatever the
 * backend's own expiry clock (Redis expires keys in real time, tests move their clock), and the
 * time left in the window is exactly the `Retry-After` of a refusal.
 */

/** The window `now` falls in. */
export interface FixedWindow {
  /** The window's number since the epoch; part of the counter's key. */
  index: number;
  /** Milliseconds until the window ends (at least 1). */
  remainingMs: number;
  /** The same in whole seconds, rounded up (at least 1): a `Retry-After`. */
  retryAfterSeconds: number;
}

/** The window of length `lengthMs` that `now` (epoch ms) falls in. */
export function fixedWindow(now: number, lengthMs: number): FixedWindow {
  const length = Math.max(1, Math.round(lengthMs));
  const index = Math.floor(now / length);
  const remainingMs = Math.max(1, (index + 1) * length - now);
  return { index, remainingMs, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
}
