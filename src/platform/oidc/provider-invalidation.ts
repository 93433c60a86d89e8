/**
 * What drops a realm's OpenID provider (realm-providers.ts), beyond the platform's invalidations:
 * its clients. A provider knows the custom scopes its realm's clients had when it was built
 * (oidc/provider-scopes.ts), so a written client of the realm (through any Arbor process, announced
 * as its configuration document) has it built again, as does a client found with a custom scope
 * the provider does not know (a change nobody announced: at most once every RETRY_MS per realm).
 * These drops stay in this process: every process hears the client's write itself.
 */
import { type CacheInvalidation, createCacheInvalidation, EVERY_KEY } from '../../cache/cache-invalidation.ts';

/** How often a provider is dropped at most for a client with a scope it does not know. */
const RETRY_MS = 30_000;

const CLIENTS = '/oauth2Clients/';

/** The realm of a client's configuration document id (`realm/<realm>/oauth2Clients/<id>`), if it is one. */
export function realmOfClientDocument(id: string): string | undefined {
  const at = id.lastIndexOf(CLIENTS);
  const client = at + CLIENTS.length;
  if (!id.startsWith('realm/') || at <= 'realm/'.length || client >= id.length || id.indexOf('/', client) >= 0) return undefined;
  return id.slice('realm/'.length, at);
}

/** The invalidation the providers listen to, and how a provider says it should be built again. */
export interface ProviderInvalidation {
  invalidation: CacheInvalidation;
  /** A client of `realm` has a custom scope its provider does not know. */
  unknownScope(realm: string): void;
}

/** `platform`'s invalidations, plus the drops of providers for their clients. */
export function providerInvalidation(platform: CacheInvalidation, clock: { now(): number }): ProviderInvalidation {
  const local = createCacheInvalidation();
  const dropped = new Map<string, number>();
  platform.subscribe((kind, key) => {
    local.invalidate(kind, key);
    if (kind !== 'config') return;
    const realm = key === EVERY_KEY ? EVERY_KEY : realmOfClientDocument(key);
    if (realm !== undefined) local.invalidate('realm', realm);
  });
  return {
    invalidation: local,
    unknownScope(realm) {
      const now = clock.now();
      if (now - (dropped.get(realm) ?? Number.NEGATIVE_INFINITY) < RETRY_MS) return;
      dropped.set(realm, now);
      if (dropped.size > 1000) dropped.clear();
      local.invalidate('realm', realm);
    },
  };
}
