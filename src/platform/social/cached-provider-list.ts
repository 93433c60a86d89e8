/**
 * The realm's enabled social providers, as Select Identity Provider offers them, read through a
 * cache: the default `Login` and `Registration` run that node on every step of their first page,
 * so the listing (one configuration listing and a read per provider) must not cost a store round
 * trip each time. Kept per realm, deep-frozen, until a provider document of that realm
 * (`realm/<realm>/socialIdentityProviders/…`) is announced as written on the `CacheInvalidation`
 * (the REST endpoint, a journey import through Arbor), or `CACHE_TTL_MS` has passed (a change made
 * behind Arbor's back). Everything else the gateway does is passed through.
 */
import { type CacheInvalidation, EVERY_KEY } from '../../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../../cache/cache-ttl.ts';
import { deepFreeze } from '../../cache/deep-freeze.ts';
import { createTtlCache } from '../../cache/ttl-cache.ts';
import type { SocialGateway, SocialProviderChoice } from '../../journeys/nodes/social/social-gateway.ts';
import { realmPrefix } from '../../social/providers/provider-document.ts';

/** Realms whose lists are kept at most. */
const MAX_REALMS = 1_000;

/** What the cache is built from. */
export interface CachedProviderListDeps {
  clock: { now(): number };
  invalidation: CacheInvalidation;
  /** How long a list is trusted; `CACHE_TTL_MS` by default. */
  ttlMs?: number;
}

/** The realm a configuration document id of a provider belongs to; undefined for any other id. */
export function realmOfProviderDocument(configId: string): string | undefined {
  const [scope, realm] = configId.split('/', 2);
  if (scope !== 'realm' || realm === undefined || realm === '') return undefined;
  return configId.startsWith(realmPrefix(realm)) ? realm : undefined;
}

/** `gateway` (a plain object, as `createSocialGatewayAdapter` makes it) with `providers` cached per realm. */
export function cachedProviderList(gateway: SocialGateway, deps: CachedProviderListDeps): SocialGateway {
  const lists = createTtlCache<readonly SocialProviderChoice[]>({ clock: deps.clock, ttlMs: deps.ttlMs ?? CACHE_TTL_MS, capacity: MAX_REALMS });
  deps.invalidation.subscribe((kind, key) => {
    if (kind !== 'config') return;
    if (key === EVERY_KEY) return lists.clear();
    const realm = realmOfProviderDocument(key);
    if (realm !== undefined) lists.delete(realm);
  });
  return {
    ...gateway,
    async providers(realm) {
      const list = await lists.get(realm, async () => deepFreeze(await gateway.providers(realm)));
      // A new array each call: a caller may filter or sort its own; the choices themselves are frozen.
      return [...list];
    },
  };
}
