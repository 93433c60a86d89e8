import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { ANN, mfaTestKit } from './mfa-node-testing.ts';
import { oathRegistrationNode } from './oath-registration-node.ts';
import { optOutMultiFactorAuthenticationNode } from './opt-out-multi-factor-authentication-node.ts';

const shared = { username: 'ann', mfaMethod: 'oath' };

describe('OptOutMultiFactorAuthenticationNode', () => {
  it('marks the user as having opted out of OATH, once, with a marker that is no app', async () => {
    const kit = await mfaTestKit();
    assert.deepEqual((await runNode(optOutMultiFactorAuthenticationNode, { services: kit.services, shared })).action, goTo('outcome'));
    await runNode(optOutMultiFactorAuthenticationNode, { services: kit.services, shared });
    const devices = await kit.devices.list('alpha', ANN._id, 'oath');
    assert.deepEqual(devices.map((device) => [device.deviceName, device.data, device.secret]), [['MFA opt-out', { skippable: 'SKIPPABLE' }, {}]]);
  });

  it('registering an app afterwards removes the marker (AM: not skippable again)', async () => {
    const kit = await mfaTestKit();
    await runNode(optOutMultiFactorAuthenticationNode, { services: kit.services, shared });
    const first = await runNode(oathRegistrationNode, { services: kit.services, shared });
    await runNode(oathRegistrationNode, { services: kit.services, ...first.state, callbacks: submit(sentCallbacks(first.action), [undefined, undefined, undefined, 0]) });
    assert.deepEqual((await kit.devices.list('alpha', ANN._id, 'oath')).map((device) => device.deviceName), ['OATH Device']);
  });

  it('records nothing for other methods, and fails without a method or a known user', async () => {
    const kit = await mfaTestKit();
    assert.deepEqual((await runNode(optOutMultiFactorAuthenticationNode, { services: kit.services, shared: { ...shared, mfaMethod: 'webauthn' } })).action, goTo('outcome'));
    assert.deepEqual(await kit.devices.views('alpha', ANN._id), []);
    assert.deepEqual((await runNode(optOutMultiFactorAuthenticationNode, { services: kit.services, shared: { username: 'ann' } })).action, fail());
    assert.deepEqual((await runNode(optOutMultiFactorAuthenticationNode, { services: kit.services, shared: { username: 'nobody', mfaMethod: 'oath' } })).action, fail());
  });
});
