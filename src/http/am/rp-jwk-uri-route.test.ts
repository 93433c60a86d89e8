/**
 * The realm's relying-party key set through the real app: the public signing and encryption keys
 * with their certificates and nothing private, cacheable for 30 minutes, without authentication;
 * an empty set for a realm without keys, AM's 404 for an unknown realm.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform, type TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { generateKeyPairMaterial } from '../../secrets/generate-key-pair-material.ts';
import { decodeMasterKey, generateMasterKeyText } from '../../secrets/master-key.ts';
import { createRealmKeyPairs } from '../../secrets/realm-key-pairs.ts';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

describe('GET …/connect/rp/jwk_uri', () => {
  let arbor: TestPlatform;
  const kids: string[] = [];
  before(async () => {
    const masterKeyText = generateMasterKeyText();
    arbor = await inMemoryPlatform({ ARBOR_MASTER_KEY: masterKeyText });
    const keyPairs = createRealmKeyPairs({ keys: arbor.store.keys, masterKey: decodeMasterKey(masterKeyText, 'test'), clock: arbor.clock });
    for (const use of ['sig', 'enc'] as const) {
      const result = await keyPairs.install('alpha', { use, material: await generateKeyPairMaterial({ type: 'RSA', use, commonName: `alpha ${use}`, now: arbor.clock.now() }), replace: false });
      assert.ok(result.outcome === 'installed');
      kids.push(result.key.kid);
    }
  });
  after(async () => arbor?.close());

  it("publishes the realm's public signing and encryption keys, with certificates and no private member, for 30 minutes", async () => {
    const response = await arbor.app.inject({ method: 'GET', url: '/am/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri' });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'public, max-age=1800');
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const { keys } = response.json<{ keys: Record<string, unknown>[] }>();
    assert.deepEqual(
      keys.map((jwk) => [jwk.kid, jwk.use, jwk.alg, jwk.kty, jwk.e]),
      [
        [kids[0], 'sig', 'RS256', 'RSA', 'AQAB'],
        [kids[1], 'enc', 'RSA-OAEP', 'RSA', 'AQAB'],
      ],
    );
    for (const jwk of keys) {
      for (const member of PRIVATE_MEMBERS) assert.equal(member in jwk, false, `no ${member}`);
      assert.ok(Array.isArray(jwk.x5c) && typeof jwk.x5t === 'string' && typeof jwk['x5t#S256'] === 'string');
      assert.equal(Buffer.from(String(jwk.n), 'base64url').length * 8, 2048);
    }
    const bare = await arbor.app.inject({ method: 'GET', url: '/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri' });
    assert.deepEqual(bare.json(), response.json());
  });

  it('answers an empty set for a realm without keys, and 404 in AM’s shape for an unknown realm', async () => {
    for (const url of ['/am/oauth2/connect/rp/jwk_uri', '/am/oauth2/realms/root/connect/rp/jwk_uri']) {
      const response = await arbor.app.inject({ method: 'GET', url });
      assert.deepEqual([response.statusCode, response.json()], [200, { keys: [] }]);
    }
    const unknown = await arbor.app.inject({ method: 'GET', url: '/am/oauth2/realms/root/realms/nowhere/connect/rp/jwk_uri' });
    assert.deepEqual([unknown.statusCode, unknown.json()], [404, { code: 404, reason: 'Not Found', message: 'Realm /nowhere not found' }]);
    assert.equal(unknown.headers['cache-control'], 'no-store');
  });
});
