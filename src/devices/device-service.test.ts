/**
 * The device service: secrets are sealed before they reach the repository and open only with the
 * same master key, views carry no secret, names are checked, and a save on a stale read loses.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { isSecretsError } from '../secrets/errors.ts';
import { manualClock, type ManualClock } from '../store/contract/manual-clock.ts';
import { createMemoryDeviceRepository } from '../store/memory/memory-device-repository.ts';
import type { DeviceRepository } from './device-repository.ts';
import { isDeviceError } from './device-errors.ts';
import { createDeviceService, MAX_DEVICE_NAME_LENGTH, type DeviceService } from './device-service.ts';

const SHARED_SECRET = 'JBSWY3DPEHPK3PXP-very-secret';

describe('device service', () => {
  let repository: DeviceRepository;
  let records: Map<string, unknown>;
  let clock: ManualClock;
  let devices: DeviceService;
  const masterKey = randomBytes(32);

  beforeEach(() => {
    const map = new Map();
    records = map;
    repository = createMemoryDeviceRepository(map);
    clock = manualClock();
    devices = createDeviceService({ repository, sealer: createSecretSealer(masterKey), clock });
  });

  it('seals the secret: the stored record holds no plaintext, and only this master key opens it', async () => {
    const added = await devices.add('alpha', 'u1', 'oath', { deviceName: 'OATH Device', data: { digits: 6 }, secret: { sharedSecret: SHARED_SECRET } });
    assert.deepEqual(added.secret, { sharedSecret: SHARED_SECRET });
    const [stored] = await repository.list('alpha', 'u1');
    assert.ok(stored?.sealedSecret !== undefined);
    assert.ok(!JSON.stringify([...records.values()]).includes(SHARED_SECRET), 'no plaintext secret in the store');
    assert.deepEqual(stored.data, { digits: 6 }, 'the shown fields stay apart');
    assert.deepEqual((await devices.list('alpha', 'u1', 'oath'))[0]?.secret, { sharedSecret: SHARED_SECRET });

    const otherKey = createDeviceService({ repository, sealer: createSecretSealer(randomBytes(32)), clock });
    await assert.rejects(otherKey.list('alpha', 'u1', 'oath'), (error: unknown) => isSecretsError(error) && error.code === 'MASTER_KEY_MISMATCH');
  });

  it('shows views without any secret', async () => {
    await devices.add('alpha', 'u1', 'oath', { deviceName: 'Phone', data: { digits: 6 }, secret: { sharedSecret: SHARED_SECRET } });
    clock.advance(1);
    await devices.add('alpha', 'u1', 'webauthn', { deviceName: 'Key', data: { credentialId: 'cred-1' } });
    const views = await devices.views('alpha', 'u1');
    assert.deepEqual(views.map((view) => [view.kind, view.deviceName]), [['oath', 'Phone'], ['webauthn', 'Key']]);
    for (const view of views) assert.ok(!Object.hasOwn(view, 'secret'));
    assert.ok(!JSON.stringify(views).includes(SHARED_SECRET));
    assert.deepEqual((await devices.views('alpha', 'u1', 'webauthn')).map((view) => view.data), [{ credentialId: 'cred-1' }]);
  });

  it('renames a device with a trimmed name; an empty or too long name is DEVICE_NAME_INVALID; an unknown device is undefined', async () => {
    const added = await devices.add('alpha', 'u1', 'webauthn', { deviceName: 'Key', data: {} });
    const renamed = await devices.rename('alpha', 'u1', 'webauthn', added.id, '  Work key  ');
    assert.equal(renamed?.deviceName, 'Work key');
    assert.equal((await repository.get('alpha', 'u1', 'webauthn', added.id))?.deviceName, 'Work key');
    for (const bad of ['', '   ', 'x'.repeat(MAX_DEVICE_NAME_LENGTH + 1)]) {
      await assert.rejects(devices.rename('alpha', 'u1', 'webauthn', added.id, bad), (error: unknown) => isDeviceError(error) && error.code === 'DEVICE_NAME_INVALID');
    }
    await assert.rejects(devices.add('alpha', 'u1', 'oath', { deviceName: ' ', data: {} }), (error: unknown) => isDeviceError(error) && error.code === 'DEVICE_NAME_INVALID');
    assert.equal(await devices.rename('alpha', 'u1', 'webauthn', 'no-such-id', 'Name'), undefined);
    assert.equal(await devices.rename('alpha', 'u2', 'webauthn', added.id, 'Name'), undefined, 'another user’s device is not found');
  });

  it('saves a device read from list, and a save on a stale read loses (undefined), keeping the winner', async () => {
    await devices.add('alpha', 'u1', 'oath', { deviceName: 'Phone', data: { counter: 0 }, secret: { sharedSecret: SHARED_SECRET } });
    const [first] = await devices.list('alpha', 'u1', 'oath');
    const [second] = await devices.list('alpha', 'u1', 'oath');
    assert.ok(first !== undefined && second !== undefined);
    clock.advance(1000);
    const saved = await devices.save('alpha', 'u1', { ...first, data: { counter: 1 } });
    assert.equal(saved?.lastAccessDate, clock.now());
    assert.equal(saved?.revision, first.revision + 1);
    assert.equal(await devices.save('alpha', 'u1', { ...second, data: { counter: 1 } }), undefined, 'the same counter cannot be used twice');
    assert.deepEqual((await devices.list('alpha', 'u1', 'oath'))[0]?.data, { counter: 1 });
    assert.equal(await devices.save('alpha', 'u1', { ...first, id: 'gone' }), undefined, 'a removed device is not recreated');
  });

  it('removes one device, or every device of a user', async () => {
    const one = await devices.add('alpha', 'u1', 'oath', { deviceName: 'A', data: {} });
    await devices.add('alpha', 'u1', 'webauthn', { deviceName: 'B', data: {} });
    await devices.add('alpha', 'u2', 'oath', { deviceName: 'C', data: {} });
    assert.equal(await devices.remove('alpha', 'u1', 'oath', one.id), true);
    assert.equal(await devices.remove('alpha', 'u1', 'oath', one.id), false);
    assert.equal(await devices.removeAll('alpha', 'u1'), 1);
    assert.deepEqual(await devices.views('alpha', 'u1'), []);
    assert.equal((await devices.views('alpha', 'u2')).length, 1);
  });
});
