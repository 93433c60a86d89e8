/**
 * Set Success Details (`SetSuccessDetailsNode`): adds `successDetails` (key → text; a text that
 * is JSON goes out as JSON: `true`, `{"a":1}`) as top-level fields of the success answer, beside
 * `tokenId`, `successUrl` and `realm`, which it never replaces. Kept in shared state
 * (`engine/response-details.ts`) until the journey ends; later nodes of this type add to it.
 * `sessionProperties` (field → session property) adds the properties the journey has set for its
 * session before this node (Set Session Properties); a property not set adds nothing.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { detailValue, RESERVED_SUCCESS_FIELDS, SUCCESS_DETAILS_KEY } from '../../engine/response-details.ts';

const StringMap = (description: string) => Type.Record(Type.String(), Type.String(), { default: {}, description });

/** Set Success Details: records the details, then `outcome`. */
export const setSuccessDetailsNode = defineNode({
  type: 'SetSuccessDetailsNode',
  displayName: 'Set Success Details',
  category: 'utilities',
  description: 'Adds fields to the JSON answer of a successful journey.',
  config: Type.Object({
    successDetails: StringMap('Fields to add: name → value (text, or JSON).'),
    sessionProperties: StringMap('Fields to add from session properties: name → property.'),
    headerControl: StringMap('Response headers (not set by Arbor).'),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const current = ctx.state.shared[SUCCESS_DETAILS_KEY];
    const details: Record<string, unknown> = typeof current === 'object' && current !== null && !Array.isArray(current) ? { ...current } : {};
    const sessionProperties = ctx.session.properties();
    for (const [name, property] of Object.entries(ctx.config.sessionProperties)) {
      if (!RESERVED_SUCCESS_FIELDS.has(name) && Object.hasOwn(sessionProperties, property)) details[name] = sessionProperties[property];
    }
    for (const [name, text] of Object.entries(ctx.config.successDetails)) {
      if (!RESERVED_SUCCESS_FIELDS.has(name)) details[name] = detailValue(text);
    }
    ctx.state.shared[SUCCESS_DETAILS_KEY] = details;
    return goTo('outcome');
  },
});
