/**
 * When the primary of `arbor start --workers N` restarts a worker that ended unexpectedly: after a
 * delay that doubles with each recent exit (1 s, 2 s, 4 s…, at most 16 s), and not at all once
 * `MAX_RECENT_EXITS` workers have ended within `WINDOW_MS`: that is a crash loop (a bug, a
 * database refusing every start), and the primary stops rather than spin. Pure: the caller passes
 * the times.
 */

/** Unexpected exits within the window that make a crash loop. */
export const MAX_RECENT_EXITS = 5;
/** The window, in milliseconds. */
export const WINDOW_MS = 60_000;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 16_000;

/** What to do after an unexpected exit. */
export type RestartDecision = { restart: true; delayMs: number; recentExits: number } | { restart: false; recentExits: number };

/** Remembers unexpected exits and decides, for each, whether and when to restart. */
export interface RestartPolicy {
  /** Records an unexpected exit at `now` (ms) and decides. */
  exited(now: number): RestartDecision;
}

/** A fresh policy. */
export function createRestartPolicy(limits: { maxRecentExits?: number; windowMs?: number } = {}): RestartPolicy {
  const maxRecent = limits.maxRecentExits ?? MAX_RECENT_EXITS;
  const windowMs = limits.windowMs ?? WINDOW_MS;
  let exits: number[] = [];
  return {
    exited(now) {
      exits = [...exits.filter((at) => now - at < windowMs && at <= now), now];
      const recentExits = exits.length;
      if (recentExits >= maxRecent) return { restart: false, recentExits };
      return { restart: true, delayMs: Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (recentExits - 1)), recentExits };
    },
  };
}
