/**
 * The engine's key adapters over real realm keys (memory store): authIds signed and verified, and
 * journey records sealed and opened, with each key made ready for its algorithm once (the same
 * `KeyObject` every step), and realms kept apart.
 */
import assert from 'node:assert/strict';
import { KeyObject, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { signAuthId, verifyAuthId } from '../journeys/engine/auth-id.ts';
import { createRealmKeys } from '../secrets/realm-keys.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { realmKeyAdapters } from './realm-key-adapters.ts';

const now = 1_700_000_000_000;

function adapters() {
  return realmKeyAdapters(createRealmKeys({ keys: openMemoryStore().keys, masterKey: randomBytes(32), clock: { now: () => now } }));
}

describe('realm key adapters', () => {
  it('sign and verify authIds with a key imported once', async () => {
    const { authId } = adapters();
    const first = await authId.active('alpha');
    assert.ok(first.key instanceof KeyObject);
    assert.equal((await authId.active('alpha')).key, first.key, 'the same imported key, step after step');
    assert.equal((await authId.all('alpha'))[0]?.key, first.key);
    const claims = { authIndexType: 'service', authIndexValue: 'Login', realm: '/alpha', sessionId: 's', step: 1 };
    const signed = await signAuthId(claims, 'alpha', authId, now, now + 60_000);
    assert.deepEqual(await verifyAuthId(signed, 'alpha', authId, now), { ...claims, expiresAt: now + 60_000 });
    await assert.rejects(verifyAuthId(signed, 'root', authId, now), { code: 'AUTH_ID_INVALID' });
  });

  it('seal and open journey records, never with another realm', async () => {
    const { journeyState } = adapters();
    const sealed = await journeyState.seal('alpha', { shared: { username: 'bjensen' } });
    assert.deepEqual(await journeyState.open('alpha', sealed), { shared: { username: 'bjensen' } });
    assert.deepEqual(await journeyState.open('alpha', await journeyState.seal('alpha', [1, 2])), [1, 2]);
    assert.equal(await journeyState.open('root', sealed), undefined);
  });
});
