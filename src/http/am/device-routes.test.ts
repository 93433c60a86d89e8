/**
 * AM's device REST on the real platform: administrators list, rename and delete any user's
 * devices in AM's fields; a user with their own session manages their own and is refused
 * another's; no answer (nor the user's IDM object) ever carries a device secret; a deleted user's
 * devices go with them.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createDeviceService, type DeviceService } from '../../devices/device-service.ts';
import { generateRecoveryCodes, storeRecoveryCodes } from '../../devices/recovery-codes.ts';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const PASSWORD = 'Secret-Passw0rd';
const SHARED_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ALPHA = '/am/json/realms/root/realms/alpha';

describe('device REST', () => {
  let arbor: TestPlatform;
  let devices: DeviceService;
  let admin: Record<string, string>;
  let daveSession: Record<string, string>;
  let daveId: string;
  let erinId: string;
  let codes: string[];
  const bodies: string[] = [];
  const rawCall = injectCall(() => arbor.app);
  const call: typeof rawCall = async (...args) => {
    const response = await rawCall(...args);
    bodies.push(response.body);
    return response;
  };
  const devicesOf = (userId: string): string => `${ALPHA}/users/${userId}/devices`;

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    devices = createDeviceService({ repository: arbor.store.devices, sealer: createSecretSealer(randomBytes(32)), clock: arbor.clock });
    daveId = (await arbor.identity.createUser('alpha_user', { userName: 'dave', password: PASSWORD, givenName: 'Dave', sn: 'Doe', mail: 'dave@example.com' }))._id;
    erinId = (await arbor.identity.createUser('alpha_user', { userName: 'erin', password: PASSWORD, givenName: 'Erin', sn: 'Doe', mail: 'erin@example.com' }))._id;
    await acceptActiveTerms(arbor, 'alpha_user', 'dave');
    admin = await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD);
    daveSession = await injectSignIn(arbor.app, '/realms/alpha', 'dave', PASSWORD);
    codes = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'alpha', daveId, 'oath', codes);
  });
  after(async () => arbor?.close());

  it('lists a user’s OATH and WebAuthn devices to an administrator in AM’s fields and envelope, under both prefixes', async () => {
    const oath = await devices.add('alpha', daveId, 'oath', { deviceName: 'OATH Device', data: { algorithm: 'TOTP' }, secret: { sharedSecret: SHARED_SECRET } });
    const key = await devices.add('alpha', daveId, 'webauthn', { deviceName: 'Security key', data: { credentialId: 'Y3JlZC0x', algorithm: 'ES256' }, secret: { publicKey: 'pk' } });
    for (const prefix of ['/am/json', '/json']) {
      const listed = await call('GET', `${prefix}/realms/root/realms/alpha/users/${daveId}/devices/2fa/oath?_queryFilter=true`, admin);
      assert.equal(listed.statusCode, 200, listed.body);
      assert.deepEqual(listed.json(), {
        result: [{ _id: oath.id, _rev: '1', uuid: oath.id, deviceName: 'OATH Device', createdDate: oath.createdDate, lastAccessDate: oath.lastAccessDate, deviceManagementStatus: false }],
        resultCount: 1,
        pagedResultsCookie: null,
        totalPagedResultsPolicy: 'NONE',
        totalPagedResults: -1,
        remainingPagedResults: -1,
      });
    }
    const webauthn = await call('GET', `${devicesOf(daveId)}/2fa/webauthn?_queryFilter=true`, admin);
    assert.deepEqual(webauthn.json<{ result: unknown[] }>().result, [
      { _id: key.id, _rev: '1', uuid: key.id, deviceName: 'Security key', createdDate: key.createdDate, lastAccessDate: key.lastAccessDate, deviceManagementStatus: false, credentialId: 'Y3JlZC0x' },
    ]);
    const filtered = await call('GET', `${devicesOf(daveId)}/2fa/webauthn?_queryFilter=${encodeURIComponent('deviceName eq "other"')}`, admin);
    assert.equal(filtered.json<{ resultCount: number }>().resultCount, 0, 'the filter applies');
    assert.equal((await call('GET', `${devicesOf(daveId)}/2fa/webauthn`, admin)).statusCode, 400, '_queryFilter is required');
    assert.equal((await call('GET', `${devicesOf(daveId)}/2fa/push?_queryFilter=true`, admin)).statusCode, 404, 'a kind Arbor does not have');
  });

  it('renames (400 for a bad name) and deletes a device for an administrator; 404 for an unknown device, user or realm', async () => {
    const key = await devices.add('alpha', daveId, 'webauthn', { deviceName: 'Old name', data: { credentialId: 'a2V5' } });
    const renamed = await call('PUT', `${devicesOf(daveId)}/2fa/webauthn/${key.id}`, admin, { deviceName: '  Laptop  ' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual([renamed.json<{ deviceName: string }>().deviceName, renamed.json<{ _rev: string }>()._rev], ['Laptop', '2']);
    const bad = await call('PUT', `${devicesOf(daveId)}/2fa/webauthn/${key.id}`, admin, { deviceName: ' ' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()).slice(0, 3), ['code', 'reason', 'message']);
    assert.equal((await call('PUT', `${devicesOf(daveId)}/2fa/webauthn/${key.id}`, admin, { name: 'x' })).statusCode, 400, 'deviceName is required');
    assert.equal((await call('PUT', `${devicesOf(daveId)}/2fa/webauthn/no-such-device`, admin, { deviceName: 'x' })).statusCode, 404);

    const deleted = await call('DELETE', `${devicesOf(daveId)}/2fa/webauthn/${key.id}`, admin, { uuid: key.id });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.equal(deleted.json<{ _id: string }>()._id, key.id);
    assert.equal(await arbor.store.devices.get('alpha', daveId, 'webauthn', key.id), undefined);
    const again = await call('DELETE', `${devicesOf(daveId)}/2fa/webauthn/${key.id}`, admin);
    assert.equal(again.statusCode, 404);
    assert.deepEqual(again.json<{ code: number; reason: string }>().reason, 'Not Found');
    assert.equal((await call('GET', `${devicesOf('no-such-user')}/2fa/oath?_queryFilter=true`, admin)).statusCode, 404, 'an unknown user');
    assert.equal((await call('GET', `/am/json/realms/root/realms/nowhere/users/${daveId}/devices/2fa/oath?_queryFilter=true`, admin)).statusCode, 404, 'an unknown realm');
    assert.equal((await call('GET', `/am/json/realms/root/users/${daveId}/devices/2fa/oath?_queryFilter=true`, admin)).statusCode, 404, 'dave is not a root user');
  });

  it('lets the user manage their own devices with their session, and refuses them another user’s (403) and everyone without a session (401)', async () => {
    const own = await devices.add('alpha', daveId, 'oath', { deviceName: 'Mine', data: {}, secret: { sharedSecret: SHARED_SECRET } });
    const theirs = await devices.add('alpha', erinId, 'oath', { deviceName: 'Erin’s', data: {}, secret: { sharedSecret: SHARED_SECRET } });
    const listed = await call('GET', `${devicesOf(daveId)}/2fa/oath?_queryFilter=true`, daveSession);
    assert.equal(listed.statusCode, 200, listed.body);
    assert.ok(listed.json<{ result: { _id: string }[] }>().result.some((device) => device._id === own.id));
    assert.equal((await call('PUT', `${devicesOf(daveId)}/2fa/oath/${own.id}`, daveSession, { deviceName: 'My phone' })).statusCode, 200);

    const refused = await call('GET', `${devicesOf(erinId)}/2fa/oath?_queryFilter=true`, daveSession);
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal((await call('DELETE', `${devicesOf(erinId)}/2fa/oath/${theirs.id}`, daveSession)).statusCode, 403);
    assert.ok((await arbor.store.devices.get('alpha', erinId, 'oath', theirs.id)) !== undefined, 'erin keeps her device');
    assert.equal((await call('GET', `${devicesOf(erinId)}/2fa/oath?_queryFilter=true`, {})).statusCode, 401);
    assert.equal((await call('GET', `/am/json/realms/root/realms/alpha/users/no-such-user/devices/2fa/oath?_queryFilter=true`, daveSession)).statusCode, 403, 'no probing for users');
    assert.equal((await call('DELETE', `${devicesOf(daveId)}/2fa/oath/${own.id}`, daveSession)).statusCode, 200);
  });

  it('lists, reads, renames and deletes device profiles by identifier in AM’s profile fields', async () => {
    const metadata = { browser: { userAgent: 'Mozilla/5.0' }, platform: { platform: 'MacIntel' } };
    const location = { latitude: 51.5, longitude: -0.12 };
    const profile = await devices.add('alpha', daveId, 'profile', { deviceName: 'Work laptop', data: { identifier: 'fp-1234', metadata, location, lastSelectedDate: 1_700_000_000_123 } });
    const listed = await call('GET', `${devicesOf(daveId)}/profile?_queryFilter=true`, daveSession);
    assert.equal(listed.statusCode, 200, listed.body);
    const expected = { _id: 'fp-1234', _rev: '1', identifier: 'fp-1234', alias: 'Work laptop', metadata, location, lastSelectedDate: 1_700_000_000_123 };
    assert.deepEqual(listed.json<{ result: unknown[] }>().result, [expected]);
    assert.deepEqual((await call('GET', `${devicesOf(daveId)}/profile/fp-1234`, admin)).json(), expected);
    assert.deepEqual((await call('GET', `${devicesOf(daveId)}/profile/${profile.id}`, admin)).json(), expected, 'or by uuid');
    const renamed = await call('PUT', `${devicesOf(daveId)}/profile/fp-1234`, daveSession, { ...expected, alias: 'Home laptop' });
    assert.equal(renamed.json<{ alias: string }>().alias, 'Home laptop');
    assert.equal((await call('DELETE', `${devicesOf(daveId)}/profile/fp-1234`, daveSession, expected)).statusCode, 200);
    assert.equal((await call('GET', `${devicesOf(daveId)}/profile/fp-1234`, admin)).statusCode, 404);
  });

  it('tells how many recovery codes are left, without the codes', async () => {
    const status = await call('GET', `${devicesOf(daveId)}/recoverycodes`, daveSession);
    assert.equal(status.statusCode, 200, status.body);
    const [set] = status.json<{ result: Record<string, unknown>[] }>().result;
    assert.deepEqual([set?.forKind, set?.remaining], ['oath', 10]);
  });

  it('never shows a secret: not in any device answer, nor in the user’s IDM object', async () => {
    await devices.add('alpha', daveId, 'oath', { deviceName: 'Another', data: {}, secret: { sharedSecret: SHARED_SECRET } });
    await call('GET', `${devicesOf(daveId)}/2fa/oath?_queryFilter=true`, admin);
    const idm = await call('GET', `/openidm/managed/alpha_user/${daveId}`, admin);
    assert.equal(idm.statusCode, 200, idm.body);
    const sealed = (await arbor.store.devices.list('alpha', daveId)).flatMap((record) => (record.sealedSecret === undefined ? [] : [record.sealedSecret]));
    assert.ok(sealed.length >= 2);
    assert.ok(bodies.length > 20);
    for (const body of bodies) {
      assert.ok(!body.includes(SHARED_SECRET), 'no shared secret');
      for (const code of codes) assert.ok(!body.includes(code), 'no recovery code');
      for (const text of sealed) assert.ok(!body.includes(text), 'no sealed secret');
      assert.ok(!/"(secret|sealedSecret|sharedSecret|hashes)"/.test(body), `no secret field in ${body.slice(0, 200)}`);
    }
  });

  it('removes a user’s devices when the user is deleted', async () => {
    await devices.add('alpha', erinId, 'webauthn', { deviceName: 'Key', data: { credentialId: 'x' } });
    assert.ok((await arbor.store.devices.list('alpha', erinId)).length >= 2);
    const deleted = await call('DELETE', `/openidm/managed/alpha_user/${erinId}`, admin);
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(await arbor.store.devices.list('alpha', erinId), []);
    assert.ok((await arbor.store.devices.list('alpha', daveId)).length > 0, 'others keep theirs');
  });
});
