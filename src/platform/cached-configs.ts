/**
 * Configuration documents read through a cache: the `managed` schema, `selfservice.kba`,
 * `selfservice.terms`, `consent`, `external.email`, `emailTemplate/<name>`… are read by many steps
 * of every journey and change rarely. Each document is read once, then handed out frozen (the same
 * object to every caller, so that what is derived from it, the parsed schema, its policies, a
 * parsed template, is computed once too: `cache/parsed-once.ts`) until Arbor announces a write of
 * it on the `CacheInvalidation`, or `CACHE_TTL_MS` has passed (a change made behind Arbor's back).
 * Writes and listings go straight to the repository.
 */
import { type CacheInvalidation, EVERY_KEY } from '../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../cache/cache-ttl.ts';
import { deepFreeze } from '../cache/deep-freeze.ts';
import { createTtlCache } from '../cache/ttl-cache.ts';
import type { ConfigRepository } from '../config/ports.ts';

/** Documents kept at most (email templates are one document per template). */
const MAX_DOCUMENTS = 500;

/** What the cache is built from. */
export interface CachedConfigsDeps {
  clock: { now(): number };
  invalidation: CacheInvalidation;
  /** How long a document is trusted; `CACHE_TTL_MS` by default. */
  ttlMs?: number;
}

/** `configs` with `get` cached; every value it returns is deeply frozen. */
export function cachedConfigs(configs: ConfigRepository, deps: CachedConfigsDeps): ConfigRepository {
  const documents = createTtlCache<unknown>({ clock: deps.clock, ttlMs: deps.ttlMs ?? CACHE_TTL_MS, capacity: MAX_DOCUMENTS });
  deps.invalidation.subscribe((kind, key) => {
    if (kind === 'config' && key === EVERY_KEY) documents.clear();
    else if (kind === 'config') documents.delete(key);
  });
  return {
    get: (id) => documents.get(id, async () => deepFreeze(await configs.get(id))),
    put: (id, value) => configs.put(id, value),
    delete: (id) => configs.delete(id),
    list: (prefix) => configs.list(prefix),
  };
}
