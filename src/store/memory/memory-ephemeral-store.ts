/**
 * EphemeralStore in memory, with the SQL ephemeral store's semantics on the injected clock: an entry
 * lives while `expiresAt > now` (whole milliseconds), expired entries count as absent everywhere and
 * are removed by `purgeExpired`; `increment` starts a counter (and its window) at one, keeps the
 * window of a live counter, restarts an expired one, and never goes past `max`. Every operation runs
 * in one synchronous step, so `consume`, `increment` and `replaceIfPresent` are atomic.
 */
import type { EphemeralStore } from '../ephemeral-store.ts';
import type { StoreClock } from '../store-clock.ts';

interface Entry {
  value: string;
  expiresAt: number;
}

/** An empty ephemeral store whose entries expire by `clock`. */
export function memoryEphemeralStore(clock: StoreClock): EphemeralStore {
  const entries = new Map<string, Entry>();
  const now = (): number => Math.floor(clock.now());
  /** The entry of `key` if it is still alive at `at`. */
  const live = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key);
    return entry !== undefined && entry.expiresAt > at ? entry : undefined;
  };

  return {
    async put(key, value, ttlMs) {
      entries.set(key, { value, expiresAt: Math.ceil(now() + ttlMs) });
    },

    async replaceIfPresent(key, value, ttlMs) {
      const at = now();
      if (live(key, at) === undefined) return false;
      entries.set(key, { value, expiresAt: Math.ceil(at + ttlMs) });
      return true;
    },

    async get(key) {
      return live(key, now())?.value;
    },

    async consume(key) {
      const entry = live(key, now());
      if (entry === undefined) return undefined;
      entries.delete(key);
      return entry.value;
    },

    async delete(key) {
      entries.delete(key);
    },

    async decrement(key) {
      const entry = live(key, now());
      if (entry === undefined) return;
      const count = Number(entry.value);
      if (!Number.isSafeInteger(count)) throw new Error(`ephemeral counter ${key} does not hold an integer`);
      entries.set(key, { value: String(Math.max(0, count - 1)), expiresAt: entry.expiresAt });
    },

    async increment(key, options) {
      const at = now();
      const { max } = options;
      const entry = live(key, at);
      if (entry === undefined) {
        const first = max === undefined ? 1 : Math.min(1, max);
        entries.set(key, { value: String(first), expiresAt: Math.ceil(at + options.ttlMs) });
        return first;
      }
      const count = Number(entry.value);
      if (!Number.isSafeInteger(count) || !/^-?[0-9]+$/.test(entry.value.trim())) throw new Error(`ephemeral counter ${key} does not hold an integer`);
      const next = max !== undefined && count + 1 > max ? max : count + 1;
      entries.set(key, { value: String(next), expiresAt: entry.expiresAt });
      return next;
    },

    async purgeExpired() {
      const at = now();
      let purged = 0;
      for (const [key, entry] of entries) {
        if (entry.expiresAt <= at) {
          entries.delete(key);
          purged++;
        }
      }
      return purged;
    },
  };
}
