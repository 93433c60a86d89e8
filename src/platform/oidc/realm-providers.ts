/**
 * The OpenID providers of the realms, built on first use and kept: a realm's provider is built
 * again when its signing keys change or when its realm or its provider settings change (cache
 * invalidation). Keys are checked on each use against the realm's key listing, which a `keys`
 * invalidation drops (a rotation through any server or `arbor keys` on a shared database: seen
 * within about a second; one nobody announced within the listing's 30 s); a change of the relying
 * party's keys alone leaves the provider as it is. Concurrent first requests share one build.
 */
import type Provider from 'oidc-provider';
import { type CacheInvalidation, EVERY_KEY } from '../../cache/cache-invalidation.ts';
import { keysVersionOf } from '../../oidc/provider-signing-keys.ts';
import type { RealmKeyPairs } from '../../secrets/realm-key-pairs.ts';
import { realmOfSettingsId } from './oauth2-provider-settings.ts';

/** Builds a realm's provider with its keys; `keysVersion` says which key set it has. */
export type ProviderBuilder = (realm: string) => Promise<{ provider: Provider; keysVersion: string }>;

/** The providers by realm. */
export interface RealmProviders {
  /** The realm's provider (the realm must exist: the caller checked). */
  providerOf(realm: string): Promise<Provider>;
}

/** The version of the realm's provider keys now (cheap: the key listing is cached). */
export async function providerKeysVersion(keyPairs: RealmKeyPairs, realm: string): Promise<string> {
  return keysVersionOf(await keyPairs.inUse(realm));
}

/** The cache over `build`. */
export function realmProviders(build: ProviderBuilder, keyPairs: RealmKeyPairs, invalidation: CacheInvalidation): RealmProviders {
  const built = new Map<string, Promise<{ provider: Provider; keysVersion: string }>>();
  invalidation.subscribe((kind, key) => {
    if (kind === 'realm' && key === EVERY_KEY) built.clear();
    if (kind === 'realm') built.delete(key);
    const settingsOf = kind === 'config' ? realmOfSettingsId(key) : undefined;
    if (settingsOf !== undefined) built.delete(settingsOf);
  });
  const fresh = (realm: string): Promise<{ provider: Provider; keysVersion: string }> => {
    const pending = build(realm);
    built.set(realm, pending);
    // A failed build is not kept: the next request tries again.
    pending.catch(() => {
      if (built.get(realm) === pending) built.delete(realm);
    });
    return pending;
  };
  return {
    async providerOf(realm) {
      const cached = built.get(realm);
      if (cached === undefined) return (await fresh(realm)).provider;
      const current = await cached;
      if (current.keysVersion === (await providerKeysVersion(keyPairs, realm))) return current.provider;
      if (built.get(realm) !== cached) return (await (built.get(realm) ?? fresh(realm))).provider;
      return (await fresh(realm)).provider;
    },
  };
}
