/**
 * Device Tampering Verification (`DeviceTamperingVerificationNode`): whether the device looks
 * rooted or jailbroken, as AM decides it: `true` when the collected
 * `metadata.platform.jailBreakScore` (0 to 1, sent by the ForgeRock Android and iOS SDKs) is at
 * most `score` (AM's decimal text, default "0"), `false` when it is higher or missing (browsers
 * send none). A journey where no collector asked for metadata ends in failure, as in AM.
 */
import { Type } from '@sinclair/typebox';
import { isJsonObject } from '../../../../json/is-json-object.ts';
import { ownValue } from '../../../../json/own-value.ts';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { collectedProfile, metadataOf } from './device-profile-state.ts';

/** Device Tampering Verification: `true` (not tampered) or `false`. */
export const deviceTamperingVerificationNode = defineNode({
  type: 'DeviceTamperingVerificationNode',
  displayName: 'Device Tampering Verification',
  category: 'risk',
  description: 'Checks the jailbreak score the mobile SDKs collect.',
  config: Type.Object({
    score: Type.String({ default: '0', pattern: '^\\s*(0(\\.\\d+)?|1(\\.0+)?)\\s*$', description: 'Highest jailbreak score (0 to 1) still accepted.' }),
  }),
  outcomes: ['true', 'false'],
  process(ctx): NodeAction {
    const metadata = metadataOf(collectedProfile(ctx.state));
    if (metadata === undefined) return fail();
    const platform = ownValue(metadata, 'platform');
    const score = isJsonObject(platform) ? ownValue(platform, 'jailBreakScore') : undefined;
    return goTo(typeof score === 'number' && Number.isFinite(score) && score <= Number(ctx.config.score.trim()) ? 'true' : 'false');
  },
});
