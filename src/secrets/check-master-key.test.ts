/**
 * The master key check against stored realm keys: none yet, the right key, another key, a damaged
 * row; and the same with only relying-party key pairs stored (at start and in /health/ready).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { readinessCheck } from '../platform/readiness-check.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import type { Store } from '../store/store.ts';
import { checkMasterKey, storedRealmKeys } from './check-master-key.ts';
import { isSecretsError } from './errors.ts';
import { generateKeyPairMaterial } from './generate-key-pair-material.ts';
import { MASTER_KEY_FILE } from './master-key.ts';
import { createRealmKeyPairs } from './realm-key-pairs.ts';
import { createRealmKeys } from './realm-keys.ts';

async function withDefaultRealms(store: Store): Promise<void> {
  for (const name of ['root', 'alpha']) await store.realms.put(defaultRealmConfig(name));
}

const clock = { now: () => 1_700_000_000_000 };

describe('checkMasterKey', () => {
  it('passes with no realm key yet and with the key that encrypted them; fails in words with another', async () => {
    const { keys } = openMemoryStore();
    const masterKey = randomBytes(32);
    await checkMasterKey(keys, randomBytes(32), ['root', 'alpha']);
    const realmKeys = createRealmKeys({ keys, masterKey, clock });
    await realmKeys.activeKey('alpha', 'authId.hmac');
    await realmKeys.activeKey('root', 'transientState.aes');
    await checkMasterKey(keys, masterKey, ['root', 'alpha']);
    await assert.rejects(checkMasterKey(keys, randomBytes(32), ['root', 'alpha']), (error) => isSecretsError(error, 'MASTER_KEY_MISMATCH') && /does not open the realm keys/.test(error.message));
  });

  it('names a single damaged row when the others open', async () => {
    const { keys } = openMemoryStore();
    const masterKey = randomBytes(32);
    await createRealmKeys({ keys, masterKey, clock }).activeKey('alpha', 'authId.hmac');
    await keys.insertIfAbsent({ realm: 'alpha', purpose: 'authId.hmac', kid: 'damaged', material: randomBytes(60).toString('base64url'), createdAt: 1, status: 'valid' });
    await assert.rejects(checkMasterKey(keys, masterKey, ['alpha']), (error) => isSecretsError(error, 'KEY_DECRYPTION_FAILED') && error.message.includes('damaged'));
  });
});

describe('checkMasterKey with relying-party key pairs only', () => {
  /** A memory store whose only keys are a realm's RP key pairs (`arbor keys generate` before any journey ran), sealed with `masterKey`. */
  async function storeWithKeyPairsOnly(masterKey: Uint8Array) {
    const store = openMemoryStore();
    await withDefaultRealms(store);
    const keyPairs = createRealmKeyPairs({ keys: store.keys, masterKey, clock });
    for (const [use, alg] of [['sig', 'ES256'], ['enc', 'ECDH-ES']] as const) {
      const material = await generateKeyPairMaterial({ type: 'EC', use, commonName: `test ${use}`, now: clock.now() });
      assert.equal((await keyPairs.install('alpha', { use, alg, material, replace: false })).outcome, 'installed');
    }
    assert.equal((await storedRealmKeys(store.keys, ['root', 'alpha'])).length, 2);
    return store;
  }

  it('detects a replaced master key, and /health/ready fails the same way', async () => {
    const masterKey = randomBytes(32);
    const store = await storeWithKeyPairsOnly(masterKey);
    await checkMasterKey(store.keys, masterKey, ['root', 'alpha']);
    await assert.rejects(checkMasterKey(store.keys, randomBytes(32), ['root', 'alpha']), (error) => isSecretsError(error, 'MASTER_KEY_MISMATCH'));
    await readinessCheck(store, masterKey)();
    await assert.rejects(readinessCheck(store, randomBytes(32))(), (error) => isSecretsError(error, 'MASTER_KEY_MISMATCH'));
  });

  it('detects a lost master key at start: none is generated in its place', async () => {
    const store = await storeWithKeyPairsOnly(randomBytes(32));
    const dataDir = await mkdtemp(join(tmpdir(), 'arbor-check-master-key-'));
    try {
      await assert.rejects(loadCheckedMasterKey({ env: {}, dataDir, keys: store.keys, realms: store.realms }), (error) => isSecretsError(error, 'MASTER_KEY_MISSING'));
      await assert.rejects(access(join(dataDir, MASTER_KEY_FILE)), 'no new master key was written');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('names a damaged key pair row when the other keys open', async () => {
    const masterKey = randomBytes(32);
    const store = await storeWithKeyPairsOnly(masterKey);
    const [pair] = await store.keys.listKeyPairs('alpha');
    assert.ok(pair);
    await store.keys.replaceActiveKeyPair({ ...pair, series: 'RS256', kid: 'damaged-pair', material: randomBytes(200).toString('base64url'), createdAt: clock.now() }, undefined);
    await assert.rejects(checkMasterKey(store.keys, masterKey, ['alpha']), (error) => isSecretsError(error, 'KEY_DECRYPTION_FAILED') && error.message.includes('key pair damaged-pair'));
  });
});
