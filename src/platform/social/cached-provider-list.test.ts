import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createCacheInvalidation } from '../../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../../cache/cache-ttl.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { createSocialProviderService } from '../../social/providers/social-provider-service.ts';
import { createRelyingParty } from '../../social/rp/relying-party.ts';
import { ephemeralRequestObjectStore } from '../../social/rp/request-object-store.ts';
import { generateRpKeys } from '../../social/testing/generated-rp-keys.ts';
import { manualClock } from '../../store/contract/manual-clock.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { countCalls } from '../../store/memory/testing/intercept-calls.ts';
import { announceWrites } from '../announce-writes.ts';
import { cachedProviderList, realmOfProviderDocument } from './cached-provider-list.ts';
import { createFormPostEntries } from './form-post-entries.ts';
import { createSocialGatewayAdapter } from './social-gateway-adapter.ts';

const COMMON = { clientSecret: 'secret', redirectURI: 'https://login.example.com/callback' };

/** The real gateway over a memory store whose configuration reads are counted and whose writes are announced, behind the cache. */
async function setUp() {
  const clock = manualClock();
  const store = openMemoryStore({ clock });
  const counted = countCalls(store.configs);
  const invalidation = createCacheInvalidation();
  const written = announceWrites({ ...store, configs: counted.repository }, invalidation);
  const sealer = createSecretSealer(randomBytes(32));
  const providers = createSocialProviderService({ configs: written.configs, sealer });
  const gateway = createSocialGatewayAdapter({
    providers,
    rp: createRelyingParty({ keys: await generateRpKeys(), requestObjects: ephemeralRequestObjectStore(store.ephemeral) }),
    formPosts: createFormPostEntries(store.ephemeral, sealer),
    managedObjects: store.managedObjects,
    realmOAuth2BaseUrl: () => 'https://id.example.com/am/oauth2/realms/root/realms/alpha',
    log: () => {},
  });
  const cached = cachedProviderList(gateway, { clock, invalidation });
  const names = async (realm: string) => (await cached.providers(realm)).map((choice) => choice.provider);
  const put = (realm: string, name: string, enabled: boolean) => providers.put(realm, 'googleConfig', name, { ...COMMON, clientId: name, enabled, uiConfig: { buttonDisplayName: name } }, { discovery: false });
  return { clock, counted, written, providers, cached, names, put };
}

describe('cachedProviderList', () => {
  it('lists a realm’s providers from the store once within the TTL, again after it', async () => {
    const { clock, counted, names, put } = await setUp();
    await put('alpha', 'google', true);
    const listed = counted.count('list');
    assert.deepEqual(await names('alpha'), ['google']);
    assert.deepEqual(await names('alpha'), ['google']);
    assert.deepEqual(await names('bravo'), []);
    assert.deepEqual(await names('bravo'), [], 'an empty list is kept too: a realm without providers costs nothing');
    assert.equal(counted.count('list') - listed, 2, 'one listing per realm');
    clock.advance(CACHE_TTL_MS);
    await names('alpha');
    assert.equal(counted.count('list') - listed, 3, 'read again once the TTL has passed');
  });

  it('sees a provider enabled, disabled or deleted through Arbor at the next call; other writes keep the list', async () => {
    const { counted, written, providers, names, put } = await setUp();
    assert.deepEqual(await names('alpha'), []);
    await put('alpha', 'google', true);
    assert.deepEqual(await names('alpha'), ['google'], 'enabled');
    await put('bravo', 'github', true);
    await written.configs.put('managed', { objects: [] });
    const listed = counted.count('list');
    assert.deepEqual(await names('alpha'), ['google']);
    assert.equal(counted.count('list'), listed, 'another realm’s provider and another document leave alpha’s list cached');
    await put('alpha', 'google', false);
    assert.deepEqual(await names('alpha'), [], 'disabled');
    await put('alpha', 'google', true);
    assert.deepEqual(await names('alpha'), ['google']);
    await providers.delete('alpha', 'googleConfig', 'google');
    assert.deepEqual(await names('alpha'), [], 'deleted');
  });

  it('hands out frozen choices in a fresh array, and passes everything else through', async () => {
    const { cached, put } = await setUp();
    await put('alpha', 'google', true);
    const first = await cached.providers('alpha');
    assert.ok(Object.isFrozen(first[0]) && Object.isFrozen(first[0]?.uiConfig));
    first.pop();
    assert.equal((await cached.providers('alpha')).length, 1, 'a caller changing its array changes nobody else’s');
    const start = await cached.start('alpha', 'google');
    assert.match(start.redirectUrl, /^https:\/\/accounts\.google\.com\//);
  });

  it('knows a provider document’s realm by its id', () => {
    assert.equal(realmOfProviderDocument('realm/alpha/socialIdentityProviders/googleConfig/google'), 'alpha');
    assert.equal(realmOfProviderDocument('realm/root/socialIdentityProviders/itsmeConfig/itsme'), 'root');
    for (const id of ['managed', 'realm/alpha/selfServiceTrees', 'realm//socialIdentityProviders/x/y', 'realms/alpha/socialIdentityProviders/a/b', 'realm/alpha']) {
      assert.equal(realmOfProviderDocument(id), undefined, id);
    }
  });
});
