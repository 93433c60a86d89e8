/**
 * Patch Object (`PatchObjectNode`): writes the journey's shared and transient `objectAttributes`
 * to the existing object found by `identityAttribute` (from objectAttributes, else `username`).
 * Nested attributes are patched field by field (`preferences/updates`), `ignoredFields` are left
 * out, KBA answers are hashed first and terms accepted during the journey are recorded.
 * `patchAsObject` is accepted for compatibility: Arbor always patches with the journey's own
 * authority, and the store's policies apply either way.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { mergedObjectAttributes } from '../engine/object-attributes.ts';
import { checkIdentityResource } from './check-identity-resource.ts';
import { identityAttributeField, identityResourceField } from './config-fields.ts';
import { hashKbaAnswers } from './hash-kba-answers.ts';
import { findIdentifiedUser } from './identified-user.ts';
import { recordTermsAccepted } from './record-terms-accepted.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{preferences: {updates: true}}` → `{'preferences/updates': true}`; arrays and scalars are leaves. */
export function patchFields(object: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const path = prefix + key;
    if (isRecord(value) && Object.keys(value).length > 0) Object.assign(fields, patchFields(value, `${path}/`));
    else fields[path] = value;
  }
  return fields;
}

/** True when `path` is an ignored field or inside one (`/userName` and `userName` are the same). */
function isIgnored(path: string, ignoredFields: readonly string[]): boolean {
  return ignoredFields.some((field) => {
    const ignored = field.replace(/^\//, '');
    return ignored !== '' && (path === ignored || path.startsWith(`${ignored}/`));
  });
}

/** Patch Object: `PATCHED`, or `FAILURE` when the user is unknown or the patch is refused. */
export const patchObjectNode = defineNode({
  type: 'PatchObjectNode',
  displayName: 'Patch Object',
  category: 'identity management',
  description: 'Updates the existing managed object with the attributes collected in the journey.',
  config: Type.Object({
    patchAsObject: Type.Boolean({ default: false, description: 'AM: patch as the object itself. Arbor patches with the journey authority either way.' }),
    ignoredFields: Type.Array(Type.String(), { default: [], description: 'Fields (JSON pointers) left out of the patch.' }),
    identityResource: identityResourceField(),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['PATCHED', 'FAILURE'],
  async process(ctx): Promise<NodeAction> {
    checkIdentityResource(ctx, ctx.config.identityResource);
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('FAILURE');
    const object = await hashKbaAnswers(mergedObjectAttributes(ctx.state), ctx.services.kba);
    const fields = Object.fromEntries(Object.entries(patchFields(object)).filter(([path]) => !isIgnored(path, ctx.config.ignoredFields)));
    if (Object.keys(fields).length > 0) {
      const result = await ctx.services.identity.tryPatchUser(ctx.identityResource, user._id, fields);
      if (!result.ok) return goTo('FAILURE', { errorMessage: result.message });
    }
    await recordTermsAccepted(ctx, user._id);
    return goTo('PATCHED');
  },
});
