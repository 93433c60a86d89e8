/**
 * WebAuthn Device Storage (`WebAuthnDeviceStorageNode`): stores the device a WebAuthn Registration
 * node with `postponeDeviceProfileStorage` left in transient `webauthnDeviceData` as the journey's
 * user's `webauthn` device (for journeys that create the user after registering the key), with ten
 * new recovery codes when `generateRecoveryCodes`. `success`; `exceedDeviceLimit` when the user
 * already has `maxSavedDevices` devices; `failure` when there is no device to store, no user, or the
 * user already has that credential.
 */
import { findJourneyUser } from '../../identified-user.ts';
import { Type } from '@sinclair/typebox';
import { generateRecoveryCodes, RECOVERY_CODES_KEY, storeRecoveryCodes } from '../../../../devices/recovery-codes.ts';
import { credentialData, credentialOf, type WebAuthnCredentialData } from '../../../../mfa/webauthn/webauthn-credential.ts';
import { goTo, type NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { DEFAULT_DEVICE_NAME, DEVICE_DATA_KEY, deviceRealm, devicesOf, RECOVERY_CODE_DEVICE_NAME_KEY } from './webauthn-node-support.ts';

/** The postponed device, undefined when transient state holds none. */
function postponedDevice(value: unknown): { deviceName: string; credential: WebAuthnCredentialData } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const name: unknown = Object.hasOwn(value, 'deviceName') ? Reflect.get(value, 'deviceName') : undefined;
  const data: unknown = Object.hasOwn(value, 'data') ? Reflect.get(value, 'data') : undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  try {
    return { deviceName: typeof name === 'string' && name.trim() !== '' ? name : DEFAULT_DEVICE_NAME, credential: credentialOf(Object.fromEntries(Object.entries(data))) };
  } catch {
    return undefined;
  }
}

/** WebAuthn Device Storage. */
export const webAuthnDeviceStorageNode = defineNode({
  type: 'WebAuthnDeviceStorageNode',
  displayName: 'WebAuthn Device Storage Node',
  category: 'basic authentication',
  description: 'Stores the WebAuthn device a registration left in transient state.',
  config: Type.Object({
    generateRecoveryCodes: Type.Boolean({ default: true, description: 'Make ten recovery codes (transient `recoveryCodes`).' }),
    maxSavedDevices: Type.Integer({ default: 0, minimum: 0, description: 'Most WebAuthn devices a user may have; 0 is no limit.' }),
  }),
  outcomes: (config) => (config.maxSavedDevices > 0 ? ['success', 'failure', 'exceedDeviceLimit'] : ['success', 'failure']),
  async process(ctx): Promise<NodeAction> {
    const { config, state } = ctx;
    const postponed = postponedDevice(state.transient[DEVICE_DATA_KEY]);
    const user = await findJourneyUser(ctx);
    if (postponed === undefined || user === undefined) return goTo('failure');
    const devices = devicesOf(ctx);
    const realm = deviceRealm(ctx.request.realm);
    const existing = await devices.list(realm, user._id, 'webauthn');
    if (config.maxSavedDevices > 0 && existing.length >= config.maxSavedDevices) return goTo('exceedDeviceLimit');
    if (existing.some((device) => device.data.credentialId === postponed.credential.credentialId)) return goTo('failure');
    await devices.add(realm, user._id, 'webauthn', { deviceName: postponed.deviceName, data: credentialData(postponed.credential) });
    delete state.transient[DEVICE_DATA_KEY];
    if (config.generateRecoveryCodes) {
      const codes = generateRecoveryCodes();
      await storeRecoveryCodes(devices, realm, user._id, 'webauthn', codes);
      state.transient[RECOVERY_CODES_KEY] = codes;
      state.transient[RECOVERY_CODE_DEVICE_NAME_KEY] = postponed.deviceName;
    }
    return goTo('success');
  },
});
