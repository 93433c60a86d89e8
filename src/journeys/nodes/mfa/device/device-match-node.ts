/**
 * Device Match (`DeviceMatchNode`): compares the collected profile with the user's saved
 * profiles, with AM's built-in matching. The saved profile with the collected `identifier` and
 * some saved `metadata` is looked up: none → `unknownDevice`; last selected more than
 * `expiration` days ago → `false`; else its `lastSelectedDate` becomes now and the node leaves by
 * `true` when the saved and collected metadata differ in at most `acceptableVariance` places
 * (members added, removed or changed, counted as AM counts them), else `false`.
 *
 * As in AM, a journey without a collected identifier and metadata, or without an active user,
 * ends in failure. AM's `useScript` and `script` keys are kept so that exports round-trip, but
 * Arbor does not run a device match script: a node with `useScript` on ends the journey in
 * failure rather than silently matching another way (use a Scripted Decision node instead).
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { deviceOwner } from './device-profile-owner.ts';
import { collectedProfile, identifierOf, metadataOf } from './device-profile-state.ts';
import { jsonDifferenceCount } from './json-difference-count.ts';
import { markSelected, savedProfiles } from './saved-device-profiles.ts';

/** AM's outcome for a device never saved. */
export const UNKNOWN_DEVICE = 'unknownDevice';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Device Match: `true`, `false` or `unknownDevice`. */
export const deviceMatchNode = defineNode({
  type: 'DeviceMatchNode',
  displayName: 'Device Match',
  category: 'risk',
  description: 'Compares the collected device profile with the profiles the user saved.',
  config: Type.Object({
    acceptableVariance: Type.Integer({ default: 0, minimum: 0, description: 'How many metadata differences still match.' }),
    expiration: Type.Integer({ default: 30, minimum: 1, description: 'Days after its last use a saved profile no longer matches.' }),
    useScript: Type.Boolean({ default: false, description: 'Kept for AM compatibility; Arbor runs no device match script (the journey fails when on).' }),
    script: Type.Optional(Type.String({ description: 'Kept for AM compatibility; not used.' })),
  }),
  outcomes: ['true', 'false', UNKNOWN_DEVICE],
  async process(ctx): Promise<NodeAction> {
    if (ctx.config.useScript) return fail();
    const profile = collectedProfile(ctx.state);
    const identifier = identifierOf(profile);
    const metadata = metadataOf(profile);
    if (identifier === undefined || metadata === undefined) return fail();
    const owner = await deviceOwner(ctx);
    if (owner === undefined) return fail();
    const devices = ctx.services.capabilities.get(MFA_DEVICES);
    const saved = (await savedProfiles(devices, owner)).find((candidate) => candidate.identifier === identifier && metadataOf(candidate.device.data) !== undefined);
    if (saved === undefined) return goTo(UNKNOWN_DEVICE);
    const now = ctx.services.clock.now();
    if (saved.lastSelectedDate + ctx.config.expiration * DAY_MS < now) return goTo('false');
    await markSelected(devices, owner, saved, now);
    return goTo(jsonDifferenceCount(metadataOf(saved.device.data), metadata) <= ctx.config.acceptableVariance ? 'true' : 'false');
  },
});
