/** Recovery codes: ten per registration, each signs in once, kept only as hashes, replaced by the next registration. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { manualClock } from '../store/contract/manual-clock.ts';
import { createMemoryDeviceRepository } from '../store/memory/memory-device-repository.ts';
import type { DeviceRecord } from './device-record.ts';
import { createDeviceService, type DeviceService } from './device-service.ts';
import { generateRecoveryCodes, RECOVERY_CODE_COUNT, storeRecoveryCodes, useRecoveryCode } from './recovery-codes.ts';

describe('recovery codes', () => {
  let records: Map<string, DeviceRecord>;
  let devices: DeviceService;
  const masterKey = randomBytes(32);

  beforeEach(() => {
    records = new Map();
    devices = createDeviceService({ repository: createMemoryDeviceRepository(records), sealer: createSecretSealer(masterKey), clock: manualClock() });
  });

  it('makes ten distinct codes of ten letters and digits', () => {
    const codes = generateRecoveryCodes();
    assert.equal(codes.length, RECOVERY_CODE_COUNT);
    assert.equal(RECOVERY_CODE_COUNT, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[A-Za-z0-9]{10}$/);
  });

  it('lets each code sign in once; a second use and a wrong code are refused', async () => {
    const codes = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'alpha', 'u1', 'oath', codes);
    for (const [index, code] of codes.entries()) {
      assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'oath', code), true, `code ${index} works once`);
      assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'oath', code), false, `code ${index} is spent`);
    }
    assert.equal((await devices.views('alpha', 'u1', 'recovery'))[0]?.data.remaining, 0);
    const fresh = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'alpha', 'u1', 'oath', fresh);
    assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'oath', 'AAAAAAAAAA'), false, 'a wrong code');
    assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'oath', `${fresh[0]}x`), false, 'a longer code');
    assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'webauthn', fresh[0] ?? ''), false, 'codes of one kind of device do not open another');
    assert.equal(await useRecoveryCode(devices, 'alpha', 'u2', 'oath', fresh[0] ?? ''), false, 'nor another user’s account');
  });

  it('spends a code once even when two requests race with it', async () => {
    const codes = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'alpha', 'u1', 'oath', codes);
    const code = codes[3] ?? '';
    const results = await Promise.all([useRecoveryCode(devices, 'alpha', 'u1', 'oath', code), useRecoveryCode(devices, 'alpha', 'u1', 'oath', code)]);
    assert.deepEqual(results.sort(), [false, true]);
  });

  it('replaces the old codes of that kind when a device of the kind registers again, and keeps the other kind’s', async () => {
    const old = generateRecoveryCodes();
    const webauthn = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'alpha', 'u1', 'oath', old);
    await storeRecoveryCodes(devices, 'alpha', 'u1', 'webauthn', webauthn);
    const replacement = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'alpha', 'u1', 'oath', replacement);
    assert.equal((await devices.views('alpha', 'u1', 'recovery')).length, 2, 'one set per kind');
    assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'oath', old[0] ?? ''), false, 'the old codes no longer work');
    assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'oath', replacement[0] ?? ''), true);
    assert.equal(await useRecoveryCode(devices, 'alpha', 'u1', 'webauthn', webauthn[0] ?? ''), true);
  });

  it('keeps the codes only hashed, inside the sealed secret', async () => {
    const codes = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'alpha', 'u1', 'oath', codes);
    const stored = JSON.stringify([...records.values()]);
    for (const code of codes) assert.ok(!stored.includes(code), 'no code in the store');
    const [device] = await devices.list('alpha', 'u1', 'recovery');
    const opened = JSON.stringify(device?.secret);
    for (const code of codes) assert.ok(!opened.includes(code), 'not even in the opened secret: only hashes');
    assert.equal((device?.secret.hashes as unknown[]).length, 10);
    assert.deepEqual(device?.data, { forKind: 'oath', remaining: 10 });
  });
});
