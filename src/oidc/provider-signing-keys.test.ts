/**
 * The provider's signing keys over the memory store: a realm's `op.sig` key is made on first use
 * and only once, kept out of the relying party's published set; after a rotation the retired key
 * is still in the provider's set (after the new one) until it retires, and the version and cookie
 * keys follow the set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createRealmKeyPairs } from '../secrets/realm-key-pairs.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { providerSigningKeys } from './provider-signing-keys.ts';

const HOUR = 3_600_000;

function setUp() {
  let now = 1_800_000_000_000;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const keyPairs = createRealmKeyPairs({ keys: openMemoryStore().keys, masterKey: randomBytes(32), clock });
  return { clock, keyPairs };
}

describe('provider signing keys', () => {
  it('makes one RS256 op.sig key on first use, private to the provider, not in the relying party’s set', async () => {
    const { clock, keyPairs } = setUp();
    const [first, again] = [await providerSigningKeys(keyPairs, 'alpha', clock), await providerSigningKeys(keyPairs, 'alpha', clock)];
    assert.equal(first.jwks.keys.length, 1);
    const [key] = first.jwks.keys;
    assert.equal(key?.alg, 'RS256');
    assert.equal(key?.use, 'sig');
    assert.equal(typeof key?.d, 'string', 'a private JWK, for signing');
    assert.equal(again.version, first.version, 'no second key');
    assert.deepEqual(again.cookieKeys, first.cookieKeys);
    assert.deepEqual((await keyPairs.publicJwkSet('alpha')).keys, []);
    assert.deepEqual(
      (await keyPairs.inUse('alpha')).map((pair) => [pair.purpose, pair.use, pair.status]),
      [['op.sig', 'sig', 'active']],
    );
    const other = await providerSigningKeys(keyPairs, 'bravo', clock);
    assert.notEqual(other.jwks.keys[0]?.kid, key?.kid, 'each realm has its own');
  });

  it('keeps a rotated key in the set, after the new one, until it retires', async () => {
    const { clock, keyPairs } = setUp();
    const before = await providerSigningKeys(keyPairs, 'alpha', clock);
    const oldKid = before.jwks.keys[0]?.kid;
    const rotated = await keyPairs.rotate('alpha', 'op.sig', 'RS256', 2 * HOUR);
    assert.equal(rotated.outcome, 'installed');
    assert.equal(rotated.key?.purpose, 'op.sig');
    const during = await providerSigningKeys(keyPairs, 'alpha', clock);
    assert.notEqual(during.version, before.version);
    assert.deepEqual(
      during.jwks.keys.map((key) => key.kid),
      [rotated.key?.kid, oldKid],
    );
    assert.equal(during.cookieKeys.length, 2);
    assert.equal(during.cookieKeys[1], before.cookieKeys[0], 'cookies signed before still read');
    clock.advance(2 * HOUR + 1);
    const later = await providerSigningKeys(keyPairs, 'alpha', clock);
    assert.deepEqual(
      later.jwks.keys.map((key) => key.kid),
      [rotated.key?.kid],
    );
  });
});
