/**
 * Profile Completeness Decision (`ProfileCompletenessDecisionNode`): the share of the schema's
 * user-facing properties (both `viewable` and `userEditable`) for which the user has a value,
 * all weighted equally, compared with a threshold in percent. IDM computes the same figure.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** True for a value that fills a property: not null, not an empty string or array. */
function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return !Array.isArray(value) || value.length > 0;
}

/** The percentage (0–100) of `properties` that are viewable and user-editable and filled in `attributes`. */
export function profileCompleteness(properties: Record<string, Record<string, unknown>>, attributes: Record<string, unknown>): number {
  const counted = Object.entries(properties).filter(([, property]) => property['viewable'] === true && property['userEditable'] === true);
  if (counted.length === 0) return 100;
  const filled = counted.filter(([name]) => isFilled(attributes[name])).length;
  return (filled * 100) / counted.length;
}

/** Profile Completeness Decision: `true` when completeness is above the threshold, else (or without a user) `false`. */
export const profileCompletenessDecisionNode = defineNode({
  type: 'ProfileCompletenessDecisionNode',
  displayName: 'Profile Completeness Decision',
  category: 'identity management',
  description: "Checks how complete the user's profile is against a percentage.",
  config: Type.Object({
    threshold: Type.Integer({ minimum: 0, maximum: 100, description: 'Percentage the profile must exceed.' }),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('false');
    const { properties } = await ctx.services.identity.schema(ctx.identityResource);
    return goTo(profileCompleteness(properties, user.attributes) > ctx.config.threshold ? 'true' : 'false');
  },
});
