/**
 * Opt-out Multi-Factor Authentication (`OptOutMultiFactorAuthenticationNode`): records that the
 * user chose not to register a device for the method in `shared.mfaMethod`, then `outcome`.
 *
 * Where the choice lives. AM keeps it as a per-user, per-method "skippable" attribute of the user
 * (`SkipSetting`: not set, skippable, not skippable), beside the user's devices of that method;
 * registering a device sets it back to not skippable. Arbor keeps users' devices out of their
 * profile, so the choice is a marker among the user's devices of that method: an `oath` device
 * with no shared secret and `data.skippable = "SKIPPABLE"`, named "MFA opt-out". It is not an app
 * (the OATH Token Verifier ignores devices without a secret, so the user stays "not registered"),
 * it shows in the user's device list where the user can remove it to undo the choice, and storing
 * a new app removes it, as AM's registration resets the setting. A `profile` record would be
 * wrong (those are device profiles), and a `recovery` record would mix the choice with codes.
 * As in AM, a user who has an app is marked too; a second opt-out adds nothing.
 *
 * Only `oath` is recorded: the WebAuthn kind belongs to its own nodes and Arbor has no push
 * devices, so for those methods the node goes on without a record (no Arbor node reads it for
 * them). A journey without a user or a method fails (AM throws).
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { mfaUser } from './mfa-user.ts';
import { isOathApp, MFA_METHOD_KEY } from './oath-device.ts';

/** AM's `SkipSetting` value the marker carries. */
export const SKIPPABLE = 'SKIPPABLE';
/** The marker's name in the user's device list. */
export const OPT_OUT_DEVICE_NAME = 'MFA opt-out';

/** Opt-out Multi-Factor Authentication: marks the user as having opted out of OATH. */
export const optOutMultiFactorAuthenticationNode = defineNode({
  type: 'OptOutMultiFactorAuthenticationNode',
  displayName: 'Opt-out Multi-Factor Authentication',
  category: 'basic authentication',
  description: 'Records that the user opted out of registering an MFA device.',
  config: Type.Object({}),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const method = ctx.state.shared[MFA_METHOD_KEY];
    if (typeof method !== 'string' || method === '') return fail();
    const who = await mfaUser(ctx);
    if (who === undefined) return fail();
    if (method !== 'oath') return goTo('outcome');
    const devices = ctx.services.capabilities.get(MFA_DEVICES);
    const marked = (await devices.list(who.realm, who.userId, 'oath')).some((device) => !isOathApp(device) && device.data.skippable === SKIPPABLE);
    if (!marked) await devices.add(who.realm, who.userId, 'oath', { deviceName: OPT_OUT_DEVICE_NAME, data: { skippable: SKIPPABLE } });
    return goTo('outcome');
  },
});
