/**
 * Platform Password (`ValidatedPasswordNode`): collects a password, optionally validated against
 * the IDM policies of `passwordAttribute` (against the stored object when `shared._id` is known,
 * so update flows check rules such as cannot-contain-others). The password only ever goes to
 * transient state.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { passwordCallback, validatedCreatePasswordCallback } from '../engine/callback-builders.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import type { NodeContext } from '../engine/node-context.ts';
import { formatFailedPolicies, mergedObjectAttributes, setObjectAttribute } from '../engine/object-attributes.ts';
import { schemaPrompt } from './schema-prompt.ts';

const config = Type.Object({
  passwordAttribute: Type.String({ default: 'password', minLength: 1, description: 'Attribute the password is stored in.' }),
  validateInput: Type.Boolean({ default: false, description: 'Validate the password against IDM policies.' }),
});

type Config = Static<typeof config>;

/** Platform Password: PasswordCallback, or ValidatedCreatePasswordCallback when validating. */
export const validatedPasswordNode = defineNode({
  type: 'ValidatedPasswordNode',
  displayName: 'Platform Password',
  category: 'identity management',
  description: 'Collects a password, optionally validated against the identity policies.',
  config,
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    return ctx.config.validateInput ? collectValidated(ctx) : collectPlain(ctx);
  },
});

async function collectPlain(ctx: NodeContext<Config>): Promise<NodeAction> {
  const submitted = ctx.callbacks?.find((callback) => callback.type === 'PasswordCallback');
  const password = inputValue(submitted);
  if (typeof password !== 'string' || password === '') return send([passwordCallback('Password')]);
  return store(ctx, password);
}

async function collectValidated(ctx: NodeContext<Config>): Promise<NodeAction> {
  const attribute = ctx.config.passwordAttribute;
  // Prompt and policies are only fetched when the callback is (re-)sent; the password never is.
  const resend = async (extra: { failedPolicies: string[]; validateOnly?: boolean }): Promise<NodeAction> => {
    const prompt = await schemaPrompt(ctx.services.identity, ctx.identityResource, attribute, 'Password');
    const policies = await ctx.services.policy.propertyPolicies(ctx.identityResource, attribute);
    return send([validatedCreatePasswordCallback({ prompt, policies, ...extra })]);
  };
  const submitted = ctx.callbacks?.find((callback) => callback.type === 'ValidatedCreatePasswordCallback');
  if (submitted === undefined) return resend({ failedPolicies: [] });

  const password = inputValue(submitted);
  const validateOnly = inputValue(submitted, 'validateOnly') === true;
  if (typeof password !== 'string' || password === '') return resend({ failedPolicies: [], validateOnly });
  const userId = ctx.state.shared['_id'];
  const results = await ctx.services.policy.validateProperties(
    ctx.identityResource,
    { [attribute]: password },
    {
      ...(typeof userId === 'string' && userId !== '' ? { objectId: userId } : {}),
      fullObject: { ...mergedObjectAttributes(ctx.state), [attribute]: password },
    },
  );
  const failures = results.filter((result) => result.property === attribute).flatMap((result) => result.failures);
  if (failures.length > 0 || validateOnly) return resend({ failedPolicies: formatFailedPolicies(failures), validateOnly });
  return store(ctx, password);
}

function store(ctx: NodeContext<Config>, password: string): NodeAction {
  setObjectAttribute(ctx.state, ctx.config.passwordAttribute, password, { secret: true });
  ctx.state.transient['password'] = password;
  return goTo('outcome');
}
