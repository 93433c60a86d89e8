/** An in-memory `EphemeralStore` on an injected clock, for unit tests. */
import type { EphemeralStore } from '../../store/ephemeral-store.ts';

/** Builds a fake ephemeral store whose entries expire by `clock`. */
export function createFakeEphemeralStore(clock: { now(): number }): EphemeralStore & { ttlOf(key: string): number | undefined } {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry !== undefined && entry.expiresAt <= clock.now()) entries.delete(key);
    return entries.get(key);
  };
  return {
    async put(key, value, ttlMs) {
      entries.set(key, { value, expiresAt: clock.now() + ttlMs });
    },
    async get(key) {
      return live(key)?.value;
    },
    async consume(key) {
      const value = live(key)?.value;
      entries.delete(key);
      return value;
    },
    async delete(key) {
      entries.delete(key);
    },
    async increment(key, options) {
      const entry = live(key);
      const current = entry === undefined ? 0 : Number(entry.value);
      const next = options.max === undefined ? current + 1 : Math.min(current + 1, options.max);
      entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? clock.now() + options.ttlMs });
      return next;
    },
    async purgeExpired() {
      const before = entries.size;
      for (const key of [...entries.keys()]) live(key);
      return before - entries.size;
    },
    ttlOf(key) {
      const entry = live(key);
      return entry === undefined ? undefined : entry.expiresAt - clock.now();
    },
  };
}
