/**
 * Platform Username (`ValidatedUsernameNode`): collects the username, optionally validated
 * against the IDM policies of `usernameAttribute`, and stores it both as that object attribute
 * and as the classic `shared.username`.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { nameCallback, validatedCreateUsernameCallback } from '../engine/callback-builders.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import type { NodeContext } from '../engine/node-context.ts';
import { formatFailedPolicies, mergedObjectAttributes, setObjectAttribute } from '../engine/object-attributes.ts';
import { schemaPrompt } from './schema-prompt.ts';

const config = Type.Object({
  usernameAttribute: Type.String({ default: 'userName', minLength: 1, description: 'Attribute the username is stored in.' }),
  validateInput: Type.Boolean({ default: false, description: 'Validate the username against IDM policies.' }),
});

type Config = Static<typeof config>;

/** Platform Username: NameCallback, or ValidatedCreateUsernameCallback when validating. */
export const validatedUsernameNode = defineNode({
  type: 'ValidatedUsernameNode',
  displayName: 'Platform Username',
  category: 'identity management',
  description: 'Collects a username, optionally validated against the identity policies.',
  config,
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    return ctx.config.validateInput ? collectValidated(ctx) : collectPlain(ctx);
  },
});

async function collectPlain(ctx: NodeContext<Config>): Promise<NodeAction> {
  const submitted = ctx.callbacks?.find((callback) => callback.type === 'NameCallback');
  const username = inputValue(submitted);
  if (typeof username !== 'string' || username.trim() === '') return send([nameCallback('User Name')]);
  return store(ctx, username);
}

async function collectValidated(ctx: NodeContext<Config>): Promise<NodeAction> {
  const attribute = ctx.config.usernameAttribute;
  // Prompt and policies are only fetched when the callback is (re-)sent.
  const resend = async (extra: { failedPolicies: string[]; validateOnly?: boolean; value?: string }): Promise<NodeAction> => {
    const prompt = await schemaPrompt(ctx.services.identity, ctx.identityResource, attribute, attribute);
    const policies = await ctx.services.policy.propertyPolicies(ctx.identityResource, attribute);
    return send([validatedCreateUsernameCallback({ prompt, policies, ...extra })]);
  };
  const submitted = ctx.callbacks?.find((callback) => callback.type === 'ValidatedCreateUsernameCallback');
  if (submitted === undefined) return resend({ failedPolicies: [] });

  const username = inputValue(submitted);
  const validateOnly = inputValue(submitted, 'validateOnly') === true;
  if (typeof username !== 'string' || username.trim() === '') return resend({ failedPolicies: [], validateOnly });
  const userId = ctx.state.shared['_id'];
  const results = await ctx.services.policy.validateProperties(
    ctx.identityResource,
    { [attribute]: username },
    {
      ...(typeof userId === 'string' && userId !== '' ? { objectId: userId } : {}),
      fullObject: { ...mergedObjectAttributes(ctx.state), [attribute]: username },
    },
  );
  const failures = results.filter((result) => result.property === attribute).flatMap((result) => result.failures);
  if (failures.length > 0 || validateOnly) return resend({ failedPolicies: formatFailedPolicies(failures), validateOnly, value: username });
  return store(ctx, username);
}

function store(ctx: NodeContext<Config>, username: string): NodeAction {
  setObjectAttribute(ctx.state, ctx.config.usernameAttribute, username, { secret: false });
  ctx.state.shared['username'] = username;
  return goTo('outcome');
}
