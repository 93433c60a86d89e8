/**
 * Device Profile Collector (`DeviceProfileCollectorNode`): sends AM's `DeviceProfileCallback`
 * (outputs `metadata` and `location`, whether the client should collect them, and `message`, the
 * text shown meanwhile), which the ForgeRock SDKs answer with the JSON text of
 * `{identifier, metadata?, location?}` in `IDToken1`. The profile is kept in shared state under
 * `forgeRock.device.profile` for the other device nodes, then the node leaves by `outcome`.
 *
 * As in AM: an empty answer sends the callback again; an answer longer than `maximumSize` KB
 * (AM's default "3"), or one that is no JSON object with an `identifier`, ends the journey in
 * failure. Arbor also refuses identifiers longer than 256 characters.
 */
import { Type } from '@sinclair/typebox';
import { isJsonObject } from '../../../../json/is-json-object.ts';
import { fail, goTo, send } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { inputValue } from '../../../engine/callbacks.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { localize } from '../../../engine/localize.ts';
import { localeMapField } from '../../config-fields.ts';
import { DEVICE_PROFILE, identifierOf } from './device-profile-state.ts';

/** The callback's type. */
export const DEVICE_PROFILE_CALLBACK = 'DeviceProfileCallback';

/** The largest size setting honoured, KB: a profile lives in shared state for the whole journey. */
export const MAX_PROFILE_KB = 64;

/** The size limit of `maximumSize` in bytes (AM's decimal KB text), capped at `MAX_PROFILE_KB`. */
export function profileSizeLimit(maximumSize: string): number {
  const kb = Number(maximumSize.trim());
  return Math.floor(Math.min(Number.isFinite(kb) && kb > 0 ? kb : 3, MAX_PROFILE_KB) * 1024);
}

/** The profile in `text`, or undefined when it is too long, no JSON object or has no usable identifier. */
export function parseProfile(text: string, limitBytes: number): Record<string, unknown> | undefined {
  if (Buffer.byteLength(text, 'utf8') > limitBytes) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isJsonObject(parsed) && identifierOf(parsed) !== undefined ? parsed : undefined;
}

/** Device Profile Collector: the client's profile into `forgeRock.device.profile`, then `outcome`. */
export const deviceProfileCollectorNode = defineNode({
  type: 'DeviceProfileCollectorNode',
  displayName: 'Device Profile Collector',
  category: 'risk',
  description: 'Collects the device’s identifier, and its metadata and location when asked, for the other device nodes.',
  config: Type.Object({
    maximumSize: Type.String({ default: '3', pattern: '^\\s*\\d+(\\.\\d+)?\\s*$', description: `Largest profile accepted, KB (at most ${MAX_PROFILE_KB}).` }),
    deviceMetadata: Type.Boolean({ default: true, description: 'Ask the client for the device’s metadata.' }),
    deviceLocation: Type.Boolean({ default: false, description: 'Ask the client for the device’s location.' }),
    message: localeMapField({}, 'Shown by the client while it collects, by locale.'),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const answer = inputValue(ctx.callbacks?.find((callback) => callback.type === DEVICE_PROFILE_CALLBACK));
    if (typeof answer === 'string' && answer !== '') {
      const profile = parseProfile(answer, profileSizeLimit(ctx.config.maximumSize));
      if (profile === undefined) return fail();
      ctx.state.shared[DEVICE_PROFILE] = profile;
      return goTo('outcome');
    }
    return send([
      {
        type: DEVICE_PROFILE_CALLBACK,
        output: [
          { name: 'metadata', value: ctx.config.deviceMetadata },
          { name: 'location', value: ctx.config.deviceLocation },
          { name: 'message', value: localize(ctx.config.message, ctx.request.locales) ?? '' },
        ],
        inputs: [{ suffix: '', value: '', kind: 'string' }],
      },
    ]);
  },
});
