/**
 * A realm's provider is built once and kept, built again when the realm's provider keys change (a
 * rotation) or its realm or provider settings change (cache invalidation); concurrent first
 * requests share one build.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import Provider from 'oidc-provider';
import { createCacheInvalidation } from '../../cache/cache-invalidation.ts';
import { createOidcAdapterFactory } from '../../oidc/oidc-adapter.ts';
import { providerSigningKeys } from '../../oidc/provider-signing-keys.ts';
import { createRealmKeyPairs } from '../../secrets/realm-key-pairs.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { oauth2SettingsId } from './oauth2-provider-settings.ts';
import { realmProviders } from './realm-providers.ts';

describe('realm providers', () => {
  it('builds once, and again after a key rotation or an invalidation', async () => {
    const clock = { now: () => 1_800_000_000_000 };
    const store = openMemoryStore();
    const keyPairs = createRealmKeyPairs({ keys: store.keys, masterKey: randomBytes(32), clock });
    const invalidation = createCacheInvalidation();
    const builds: string[] = [];
    const providers = realmProviders(
      async (realm) => {
        const keys = await providerSigningKeys(keyPairs, realm, clock);
        builds.push(realm);
        return { provider: new Provider(`https://arbor.example/am/oauth2/realms/root/realms/${realm}`, {
          jwks: keys.jwks,
          adapter: createOidcAdapterFactory({ realm, ephemeral: store.ephemeral, records: store.oidcRecords, clients: { clientOf: async () => undefined }, clock }),
          features: { devInteractions: { enabled: false } },
        }), keysVersion: keys.version };
      },
      keyPairs,
      invalidation,
    );
    const [first, second] = await Promise.all([providers.providerOf('alpha'), providers.providerOf('alpha')]);
    assert.equal(first, second);
    assert.equal(await providers.providerOf('alpha'), first);
    assert.deepEqual(builds, ['alpha']);

    await keyPairs.rotate('alpha', 'op.sig', 'RS256');
    const afterRotation = await providers.providerOf('alpha');
    assert.notEqual(afterRotation, first);
    assert.equal(await providers.providerOf('alpha'), afterRotation);

    invalidation.invalidate('config', oauth2SettingsId('alpha'));
    const afterSettings = await providers.providerOf('alpha');
    assert.notEqual(afterSettings, afterRotation);
    invalidation.invalidate('realm', 'alpha');
    const afterRealm = await providers.providerOf('alpha');
    assert.notEqual(afterRealm, afterSettings);
    invalidation.invalidate('config', 'managed');
    assert.equal(await providers.providerOf('alpha'), afterRealm, 'other documents change nothing');
    assert.deepEqual(builds, ['alpha', 'alpha', 'alpha', 'alpha']);
  });
});
