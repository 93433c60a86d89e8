import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { countCalls } from '../store/memory/testing/intercept-calls.ts';
import { isSecretsError } from './errors.ts';
import { createRealmKeys, encryptKeyMaterial, firstKid, LISTING_TTL_MS } from './realm-keys.ts';

const masterKey = randomBytes(32);
const clock = { now: () => 1_700_000_000_000 };

describe('realm keys', () => {
  it('generates a 256-bit key on first use, stored encrypted, and reuses it', async () => {
    const { keys } = openMemoryStore();
    const realmKeys = createRealmKeys({ keys, masterKey, clock });
    const first = await realmKeys.activeKey('alpha', 'authId.hmac');
    assert.equal(first.key.length, 32);
    assert.equal(first.status, 'active');
    const rows = await keys.list('alpha', 'authId.hmac');
    assert.equal(rows.length, 1);
    const row = rows[0];
    assert.ok(row !== undefined);
    assert.deepStrictEqual([row.realm, row.purpose, row.kid, row.createdAt], ['alpha', 'authId.hmac', first.kid, clock.now()]);
    assert.equal(Buffer.from(row.material, 'base64url').includes(Buffer.from(first.key)), false, 'the material is not the key in clear');
    assert.deepStrictEqual(await realmKeys.activeKey('alpha', 'authId.hmac'), first);
    assert.equal((await keys.list('alpha', 'authId.hmac')).length, 1);
  });

  it('keeps realms and purposes apart', async () => {
    const realmKeys = createRealmKeys({ keys: openMemoryStore().keys, masterKey, clock });
    const a = await realmKeys.activeKey('alpha', 'authId.hmac');
    const b = await realmKeys.activeKey('alpha', 'transientState.aes');
    const c = await realmKeys.activeKey('root', 'authId.hmac');
    assert.equal(new Set([a.kid, b.kid, c.kid]).size, 3);
    assert.equal(Buffer.from(a.key).equals(Buffer.from(b.key)), false);
    assert.equal(a.kid, firstKid('alpha', 'authId.hmac'));
  });

  it('agrees across processes racing on first use', async () => {
    const counted = countCalls(openMemoryStore().keys);
    const keys = counted.repository;
    const [one, two] = [createRealmKeys({ keys, masterKey, clock }), createRealmKeys({ keys, masterKey, clock })];
    const [a, b] = await Promise.all([one.activeKey('alpha', 'transientState.aes'), two.activeKey('alpha', 'transientState.aes')]);
    assert.equal(counted.count('insertIfAbsent'), 2, 'both processes tried to create the key');
    assert.equal((await keys.list('alpha', 'transientState.aes')).length, 1);
    assert.equal(a.kid, b.kid);
    assert.ok(Buffer.from(a.key).equals(Buffer.from(b.key)));
  });

  it('lists verification keys, the active one first, and none before first use', async () => {
    const { keys } = openMemoryStore();
    const realmKeys = createRealmKeys({ keys, masterKey, clock });
    assert.deepStrictEqual(await realmKeys.verificationKeys('alpha', 'authId.hmac'), []);
    const older = randomBytes(32);
    await keys.insertIfAbsent({ realm: 'alpha', purpose: 'authId.hmac', kid: 'old', material: encryptKeyMaterial(masterKey, 'alpha', 'authId.hmac', 'old', older), createdAt: 1, status: 'valid' });
    const active = await realmKeys.activeKey('alpha', 'authId.hmac');
    const all = await realmKeys.verificationKeys('alpha', 'authId.hmac');
    assert.deepStrictEqual(all.map((key) => key.kid), [active.kid, 'old']);
    assert.ok(Buffer.from(all[1]?.key ?? []).equals(older));
  });

  it('reads the key list at most every LISTING_TTL_MS: a key another process adds is used after that', async () => {
    const { keys } = openMemoryStore();
    let now = 1_000;
    const moving = { now: () => now };
    const realmKeys = createRealmKeys({ keys, masterKey, clock: moving });
    const first = await realmKeys.activeKey('alpha', 'authId.hmac');
    const rotated = { realm: 'alpha', purpose: 'authId.hmac' as const, kid: 'rotated', material: encryptKeyMaterial(masterKey, 'alpha', 'authId.hmac', 'rotated', randomBytes(32)), createdAt: 5_000, status: 'active' as const };
    await keys.insertIfAbsent(rotated); // another process rotates: a newer active key
    now += LISTING_TTL_MS - 1;
    assert.equal((await realmKeys.activeKey('alpha', 'authId.hmac')).kid, first.kid, 'cached');
    now += 1;
    assert.equal((await realmKeys.activeKey('alpha', 'authId.hmac')).kid, 'rotated', 'read again');
  });

  it('refuses material that does not decrypt: another master key, or a row moved to another slot', async () => {
    const { keys } = openMemoryStore();
    await createRealmKeys({ keys, masterKey, clock }).activeKey('alpha', 'authId.hmac');
    const otherMaster = createRealmKeys({ keys, masterKey: randomBytes(32), clock });
    await assert.rejects(otherMaster.activeKey('alpha', 'authId.hmac'), (error) => isSecretsError(error, 'KEY_DECRYPTION_FAILED'));
    const [stored] = await keys.list('alpha', 'authId.hmac');
    assert.ok(stored !== undefined);
    await keys.insertIfAbsent({ ...stored, realm: 'root' });
    await assert.rejects(createRealmKeys({ keys, masterKey, clock }).activeKey('root', 'authId.hmac'), (error) => isSecretsError(error, 'KEY_DECRYPTION_FAILED'));
  });
});
