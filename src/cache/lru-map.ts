/**
 * A map that keeps at most `capacity` entries, dropping the least recently used: the bound on
 * caches whose keys come from requests (journey names, config ids).
 */

/** A bounded map; `get` counts as a use. */
export interface LruMap<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): boolean;
  /** Removes every entry whose key `matches`. */
  deleteWhere(matches: (key: K) => boolean): void;
  clear(): void;
  readonly size: number;
}

/** An empty map holding at most `capacity` entries (at least one). */
export function createLruMap<K, V>(capacity: number): LruMap<K, V> {
  const max = Math.max(1, Math.floor(capacity));
  const entries = new Map<K, { value: V }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value });
      for (const oldest of entries.keys()) {
        if (entries.size <= max) break;
        entries.delete(oldest);
      }
    },
    delete: (key) => entries.delete(key),
    deleteWhere(matches) {
      for (const key of [...entries.keys()]) if (matches(key)) entries.delete(key);
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
