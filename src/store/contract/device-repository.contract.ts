/**
 * Contract of DeviceRepository: create (revision 1) and read back, a user's listing oldest first
 * and by kind, the compare-and-set update (a stale revision loses, the winner's write stays), one
 * and all of a user's devices removed, DEVICE_EXISTS for a taken id, records copied in and out,
 * and realms and users kept apart. Every test uses users of its own, so a shared database is fine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeviceRecord } from '../../devices/device-record.ts';
import { isDeviceError } from '../../devices/device-errors.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';

const T = 1_700_000_000_000;

function device(userId: string, overrides: Partial<Omit<DeviceRecord, 'revision'>> = {}): Omit<DeviceRecord, 'revision'> {
  return {
    realm: 'alpha',
    userId,
    kind: 'oath',
    id: unique('device'),
    deviceName: 'OATH Device',
    createdDate: T,
    lastAccessDate: T,
    data: { algorithm: 'SHA1', digits: 6, nested: { list: [1, 'two', null] } },
    sealedSecret: 'v1.sealed-secret',
    ...overrides,
  };
}

const ids = (records: DeviceRecord[]): string[] => records.map((record) => record.id);

/** Registers the DeviceRepository tests on stores made by `makeStore`. */
export function deviceRepositoryContract(makeStore: () => Promise<Store>): void {
  describe('DeviceRepository', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('creates a device at revision 1 and reads it back unchanged; an unknown device is undefined', async () => {
      const user = unique('user');
      const wanted = device(user, { deviceName: 'Téléphone 🌳' });
      const created = await store.devices.create(wanted);
      assert.deepEqual(created, { ...wanted, revision: 1 });
      assert.deepEqual(await store.devices.get('alpha', user, 'oath', wanted.id), { ...wanted, revision: 1 });
      assert.equal(await store.devices.get('alpha', user, 'webauthn', wanted.id), undefined, 'another kind');
      assert.equal(await store.devices.get('alpha', user, 'oath', 'no-such-device'), undefined);
      const { sealedSecret: _none, ...withoutSecret } = device(user, { kind: 'profile' });
      const plain = withoutSecret;
      assert.deepEqual(await store.devices.create(withoutSecret), { ...withoutSecret, revision: 1 });
      assert.equal((await store.devices.get('alpha', user, 'profile', plain.id))?.sealedSecret, undefined, 'a device without a secret has none');
    });

    it('lists a user’s devices oldest first (then by id), every kind or one kind', async () => {
      const user = unique('user');
      const late = await store.devices.create(device(user, { id: 'c-late', createdDate: T + 20 }));
      const early = await store.devices.create(device(user, { id: 'z-early', kind: 'webauthn', createdDate: T }));
      const tieB = await store.devices.create(device(user, { id: 'b-tie', createdDate: T + 10 }));
      const tieA = await store.devices.create(device(user, { id: 'a-tie', kind: 'recovery', createdDate: T + 10 }));
      assert.deepEqual(ids(await store.devices.list('alpha', user)), [early.id, tieA.id, tieB.id, late.id]);
      assert.deepEqual(ids(await store.devices.list('alpha', user, 'oath')), [tieB.id, late.id]);
      assert.deepEqual(ids(await store.devices.list('alpha', user, 'webauthn')), [early.id]);
      assert.deepEqual(await store.devices.list('alpha', user, 'profile'), []);
      assert.deepEqual(await store.devices.list('alpha', unique('nobody')), []);
    });

    it('updates name, last access, data and secret on the revision read; a stale revision loses and changes nothing', async () => {
      const user = unique('user');
      const first = await store.devices.create(device(user));
      const changed = { ...first, deviceName: 'Renamed', lastAccessDate: T + 5, data: { counter: 2 }, sealedSecret: 'v1.new-secret', createdDate: T + 999 };
      const stored = await store.devices.update(changed);
      assert.deepEqual(stored, { ...changed, createdDate: T, revision: 2 }, 'the creation date never changes');
      assert.deepEqual(await store.devices.get('alpha', user, 'oath', first.id), stored);

      assert.equal(await store.devices.update({ ...first, deviceName: 'Stale' }), undefined, 'revision 1 is stale');
      assert.equal((await store.devices.get('alpha', user, 'oath', first.id))?.deviceName, 'Renamed', 'the winner’s write stays');

      const { sealedSecret: _dropped, ...withoutSecret } = stored ?? first;
      const cleared = await store.devices.update(withoutSecret);
      assert.equal(cleared?.revision, 3);
      assert.equal(cleared?.sealedSecret, undefined, 'the secret can be removed');
      assert.equal(await store.devices.update({ ...first, id: 'gone', revision: 1 }), undefined, 'a missing device is not created');
    });

    it('lets exactly one of two racing updates of the same revision land', async () => {
      const user = unique('user');
      const read = await store.devices.create(device(user, { data: { codes: 10 } }));
      const results = await Promise.all([store.devices.update({ ...read, data: { codes: 9, by: 'a' } }), store.devices.update({ ...read, data: { codes: 9, by: 'b' } })]);
      const landed = results.filter((result) => result !== undefined);
      assert.equal(landed.length, 1);
      assert.deepEqual((await store.devices.get('alpha', user, 'oath', read.id))?.data, landed[0]?.data);
    });

    it('deletes one device, then every device of a user, and no one else’s', async () => {
      const user = unique('user');
      const other = unique('user');
      const one = await store.devices.create(device(user));
      await store.devices.create(device(user, { kind: 'webauthn' }));
      await store.devices.create(device(user, { kind: 'recovery' }));
      const kept = await store.devices.create(device(other));
      const elsewhere = await store.devices.create(device(user, { realm: 'beta', id: one.id }));
      assert.equal(await store.devices.delete('alpha', user, 'oath', one.id), true);
      assert.equal(await store.devices.delete('alpha', user, 'oath', one.id), false, 'already gone');
      assert.equal(await store.devices.get('alpha', user, 'oath', one.id), undefined);
      assert.equal(await store.devices.deleteAllOf('alpha', user), 2);
      assert.deepEqual(await store.devices.list('alpha', user), []);
      assert.equal(await store.devices.deleteAllOf('alpha', user), 0);
      assert.deepEqual(ids(await store.devices.list('alpha', other)), [kept.id], 'another user keeps theirs');
      assert.deepEqual(ids(await store.devices.list('beta', user)), [elsewhere.id], 'the same user id in another realm keeps theirs');
    });

    it('refuses a taken id of the same user and kind with DEVICE_EXISTS, keeping the first', async () => {
      const user = unique('user');
      const first = await store.devices.create(device(user));
      await assert.rejects(store.devices.create({ ...device(user), id: first.id, deviceName: 'Second' }), (error: unknown) => isDeviceError(error) && error.code === 'DEVICE_EXISTS');
      assert.equal((await store.devices.get('alpha', user, 'oath', first.id))?.deviceName, first.deviceName);
      // The same id is free for another kind, user or realm.
      await store.devices.create({ ...device(user), id: first.id, kind: 'webauthn' });
      await store.devices.create({ ...device(unique('user')), id: first.id });
      await store.devices.create({ ...device(user), id: first.id, realm: 'beta' });
    });

    it('copies records in and out: changing a given or returned record changes nothing stored', async () => {
      const user = unique('user');
      const given = device(user);
      const created = await store.devices.create(given);
      given.data.algorithm = 'changed-given';
      created.data.algorithm = 'changed-created';
      const read = await store.devices.get('alpha', user, 'oath', given.id);
      assert.equal(read?.data.algorithm, 'SHA1');
      if (read === undefined) throw new Error('stored');
      (read.data.nested as { list: unknown[] }).list.push('more');
      read.deviceName = 'changed-read';
      const [listed] = await store.devices.list('alpha', user);
      assert.deepEqual(listed?.data, { algorithm: 'SHA1', digits: 6, nested: { list: [1, 'two', null] } });
      assert.equal(listed?.deviceName, 'OATH Device');
      const updated = await store.devices.update({ ...created, data: { counter: 1 } });
      if (updated === undefined) throw new Error('updated');
      updated.data.counter = 99;
      assert.deepEqual((await store.devices.get('alpha', user, 'oath', given.id))?.data, { counter: 1 });
    });

    it('keeps a transaction’s device writes only when it commits', async () => {
      const user = unique('user');
      const kept = device(user);
      await store.transaction(async (tx) => {
        await tx.devices.create(kept);
      });
      assert.equal((await store.devices.get('alpha', user, 'oath', kept.id))?.id, kept.id);
      const dropped = device(user);
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.devices.create(dropped);
          await tx.devices.deleteAllOf('alpha', user);
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      assert.deepEqual(ids(await store.devices.list('alpha', user)), [kept.id], 'nothing of the failed transaction landed');
    });
  });
}
