/**
 * OATH Device Storage (`OathDeviceStorageNode`): stores the authenticator app an OATH Registration
 * node with `postponeDeviceProfileStorage` left pending in transient state, with recovery codes
 * when that registration asked for them (`oathEnableRecoveryCode`; the codes go to transient
 * `recoveryCodes` for the Recovery Code Display node), then forgets the pending device and its
 * secret. `successOutcome`; `failureOutcome` when no device is pending. No config, as AM.
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { mfaUser } from './mfa-user.ts';
import { forgetPendingDevice, pendingWantsRecoveryCodes, readPendingDevice, storeOathDevice } from './oath-device.ts';

/** OATH Device Storage: stores the pending app. */
export const oathDeviceStorageNode = defineNode({
  type: 'OathDeviceStorageNode',
  displayName: 'OATH Device Storage',
  category: 'basic authentication',
  description: 'Stores the authenticator app an OATH Registration node kept for later.',
  config: Type.Object({}),
  outcomes: ['successOutcome', 'failureOutcome'],
  async process(ctx): Promise<NodeAction> {
    const pending = readPendingDevice(ctx.state);
    if (pending === undefined) return goTo('failureOutcome');
    const who = await mfaUser(ctx);
    if (who === undefined) return fail();
    await storeOathDevice(ctx.services.capabilities.get(MFA_DEVICES), ctx.state, who, pending, pendingWantsRecoveryCodes(ctx.state));
    forgetPendingDevice(ctx.state);
    return goTo('successOutcome');
  },
});
