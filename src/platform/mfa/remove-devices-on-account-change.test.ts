/** A deleted user's devices go, in every realm of that user type; other account changes and other users keep theirs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { removeDevicesOnAccountChange } from './remove-devices-on-account-change.ts';

const device = (realm: string, userId: string, id: string) => ({ realm, userId, kind: 'oath' as const, id, deviceName: 'Phone', createdDate: 1, lastAccessDate: 1, data: {} });

describe('removeDevicesOnAccountChange', () => {
  it('removes the devices of a deleted user only', async () => {
    const store = openMemoryStore();
    await store.realms.put(defaultRealmConfig('alpha'));
    await store.realms.put(defaultRealmConfig('beta'));
    for (const [realm, user] of [['alpha', 'u1'], ['alpha', 'u2'], ['beta', 'u1']] as const) await store.devices.create(device(realm, user, `${realm}-${user}`));
    const listener = removeDevicesOnAccountChange({ devices: store.devices, realms: store.realms });

    for (const reason of ['password', 'inactive', 'locked'] as const) await listener({ type: 'alpha_user', id: 'u1', reason });
    assert.equal((await store.devices.list('alpha', 'u1')).length, 1, 'only a deletion removes devices');

    await listener({ type: 'alpha_user', id: 'u1', reason: 'deleted' });
    assert.deepEqual(await store.devices.list('alpha', 'u1'), []);
    assert.equal((await store.devices.list('alpha', 'u2')).length, 1, 'another user keeps theirs');
    assert.equal((await store.devices.list('beta', 'u1')).length, 1, 'the same id in a realm of another user type keeps theirs');
    await store.close();
  });
});
