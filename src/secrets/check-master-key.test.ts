/** The master key check against stored realm keys: none yet, the right key, another key, a damaged row. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { checkMasterKey } from './check-master-key.ts';
import { isSecretsError } from './errors.ts';
import { createRealmKeys } from './realm-keys.ts';

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
