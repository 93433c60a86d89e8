/**
 * Attribute Value Decision (`AttributeValueDecisionNode`): compares an attribute of the journey's
 * user with a configured value (`EQUALS`), or checks that it has one (`PRESENT`). As in AM the
 * configured string is read as a boolean or a number when the stored value is one, and strings
 * compare exactly; a multi-valued attribute equals the value when one of its items does.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { valueAtPath } from './attribute-input.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** True when the stored scalar equals the configured text, read in the stored value's type. */
function equalsConfigured(stored: unknown, configured: string): boolean {
  if (typeof stored === 'boolean') return stored === (configured.trim().toLowerCase() === 'true');
  if (typeof stored === 'number') return configured.trim() !== '' && stored === Number(configured.trim());
  return typeof stored === 'string' && stored === configured;
}

/** Attribute Value Decision: `true` when the comparison holds, else (or without a user) `false`. */
export const attributeValueDecisionNode = defineNode({
  type: 'AttributeValueDecisionNode',
  displayName: 'Attribute Value Decision',
  category: 'identity management',
  description: "Compares an attribute of the user's profile with a value.",
  config: Type.Object({
    comparisonAttribute: Type.String({ minLength: 1, description: 'The attribute to compare; nested ones as parent/child.' }),
    comparisonOperation: Type.Union([Type.Literal('EQUALS'), Type.Literal('PRESENT')], { default: 'EQUALS', description: 'EQUALS compares with the value; PRESENT checks that there is one.' }),
    comparisonValue: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The value EQUALS compares with.' })),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('false');
    const stored = valueAtPath(user.attributes, ctx.config.comparisonAttribute);
    if (ctx.config.comparisonOperation === 'PRESENT') return goTo(stored !== undefined && stored !== null ? 'true' : 'false');
    const configured = ctx.config.comparisonValue;
    if (configured === undefined || configured === null) return goTo(stored === undefined || stored === null ? 'true' : 'false');
    const values = Array.isArray(stored) ? stored : [stored];
    return goTo(values.some((value) => equalsConfigured(value, configured)) ? 'true' : 'false');
  },
});
