/**
 * Attribute Collector (`AttributeCollectorNode`): asks for attributes of the managed object, one
 * String/Number/BooleanAttributeInputCallback each (by IDM schema type), optionally validated
 * against IDM policies, and writes them to `shared.objectAttributes` (nested for `a/b` paths).
 * Values shown come from the submission, else the journey state, else (first entry only) the
 * existing object found by `identityAttribute`.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { inputValue, outputValue } from '../engine/callbacks.ts';
import type { SubmittedCallback } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import type { NodeContext, PolicyRequirement } from '../engine/node-context.ts';
import { formatFailedPolicies, getObjectAttribute, mergedObjectAttributes, setObjectAttribute } from '../engine/object-attributes.ts';
import type { AttributeValue, CollectedAttribute } from './attribute-input.ts';
import { attributeCallback, CALLBACK_TYPES, describeAttribute, readSubmitted, valueAtPath, valueOfKind } from './attribute-input.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

const config = Type.Object({
  attributesToCollect: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Schema attributes to ask for; nested ones as parent/child.' }),
  required: Type.Boolean({ default: false, description: 'All attributes required (only those whose type does not allow null).' }),
  validateInputs: Type.Boolean({ default: false, description: 'Validate the values against IDM policies.' }),
  identityAttribute: identityAttributeField(),
});

type Config = Static<typeof config>;

/** One attribute's submitted answer. */
interface Answer {
  attribute: CollectedAttribute;
  value: AttributeValue;
  failures: PolicyRequirement[];
  validateOnly: boolean;
}

/** Attribute Collector: asks for schema attributes, then `outcome`. */
export const attributeCollectorNode = defineNode({
  type: 'AttributeCollectorNode',
  displayName: 'Attribute Collector',
  category: 'identity management',
  description: 'Collects attributes of the managed object, optionally validated.',
  config,
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const options = { required: ctx.config.required, validate: ctx.config.validateInputs };
    const attributes = await Promise.all(ctx.config.attributesToCollect.map((path) => describeAttribute(ctx, path, options)));
    const submitted = ctx.callbacks === undefined ? undefined : attributes.map((attribute) => findCallback(ctx.callbacks ?? [], attribute));
    if (submitted === undefined || submitted.some((callback) => callback === undefined)) return firstSend(ctx, attributes);

    const answers = attributes.map((attribute, index): Answer => {
      const callback = submitted[index];
      const read = readSubmitted(attribute.kind, inputValue(callback));
      const validateOnly = inputValue(callback, 'validateOnly') === true;
      if ('failure' in read) return { attribute, value: undefined, failures: [read.failure], validateOnly };
      const missing = read.value === undefined && attribute.required;
      return { attribute, value: read.value, failures: missing ? [{ policyRequirement: 'REQUIRED' }] : [], validateOnly };
    });
    if (ctx.config.validateInputs) await validate(ctx, answers);
    if (answers.some((answer) => answer.failures.length > 0 || answer.validateOnly)) {
      return send(answers.map((answer) => attributeCallback(answer.attribute, answer.value, formatFailedPolicies(answer.failures), answer.validateOnly)));
    }
    for (const answer of answers) {
      // An optional field left empty is not written: it would store "" (or null) on the object.
      if (answer.value !== undefined) setObjectAttribute(ctx.state, answer.attribute.path, answer.value, { secret: false });
    }
    return goTo('outcome');
  },
});

function findCallback(callbacks: SubmittedCallback[], attribute: CollectedAttribute): SubmittedCallback | undefined {
  return callbacks.find((callback) => callback.type === CALLBACK_TYPES[attribute.kind] && outputValue(callback, 'name') === attribute.path);
}

/** The callbacks of a first entry, pre-filled from state, else from the existing object. */
async function firstSend(ctx: NodeContext<Config>, attributes: CollectedAttribute[]): Promise<NodeAction> {
  const values = attributes.map((attribute) => valueOfKind(attribute.kind, getObjectAttribute(ctx.state, attribute.path)));
  if (values.some((value) => value === undefined)) {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user !== undefined) {
      attributes.forEach((attribute, index) => {
        values[index] ??= valueOfKind(attribute.kind, valueAtPath(user.attributes, attribute.path));
      });
    }
  }
  return send(attributes.map((attribute, index) => attributeCallback(attribute, values[index], [])));
}

/** Adds the policy failures of the non-empty, well-typed values to their answers. */
async function validate(ctx: NodeContext<Config>, answers: Answer[]): Promise<void> {
  const candidates = answers.filter((answer) => answer.value !== undefined && answer.failures.length === 0);
  if (candidates.length === 0) return;
  const properties = Object.fromEntries(candidates.map((answer) => [answer.attribute.path, answer.value]));
  const preview = { shared: structuredClone(ctx.state.shared), transient: structuredClone(ctx.state.transient) };
  for (const answer of candidates) setObjectAttribute(preview, answer.attribute.path, answer.value, { secret: false });
  const userId = ctx.state.shared['_id'];
  const results = await ctx.services.policy.validateProperties(ctx.identityResource, properties, {
    ...(typeof userId === 'string' && userId !== '' ? { objectId: userId } : {}),
    fullObject: mergedObjectAttributes(preview),
  });
  for (const result of results) {
    const name = result.property.replace(/^\//, '');
    answers.find((answer) => answer.attribute.path.replace(/^\//, '') === name)?.failures.push(...result.failures);
  }
}
