/**
 * Scripted Decision (`ScriptedDecisionNode`): runs the realm's script named by `script` (legacy
 * or next-generation bindings, by the script's evaluator version) and leaves through the outcome
 * it chose, one of the declared `outcomes`. Callbacks the script sends become the step, and the
 * answers are given back to the script on its next run. A script that fails, runs too long, uses
 * too much memory or chooses an undeclared outcome ends the journey in failure, as AM does when a
 * node throws; the capability has written the log line.
 */
import { Type } from '@sinclair/typebox';
import { fail } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import type { NodeContext } from '../../engine/node-context.ts';
import { isScriptError } from '../../../scripting/script-error.ts';
import type { ScriptBindingsData } from '../../../scripting/script-runner.ts';
import { scriptNodeAction } from './script-node-action.ts';
import { SCRIPTING } from './scripting-gateway.ts';

/** The bindings data of a run for `ctx`, with the state keys the script may read and write. */
export function bindingsData(ctx: NodeContext<{ inputs: string[]; outputs: string[] }>): ScriptBindingsData {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(ctx.request.headers)) headers[name.toLowerCase()] = [value];
  const parameters: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(ctx.request.query)) parameters[name] = [value];
  const session = ctx.request.existingSession;
  return {
    shared: structuredClone(ctx.state.shared),
    transient: structuredClone(ctx.state.transient),
    callbacks: ctx.callbacks,
    headers,
    parameters,
    // The gateway binds the request cookies the script names (`requestCookies`).
    cookies: {},
    existingSession: session === undefined ? null : { ...session.properties, UserToken: session.username, universalId: session.userId },
    resumedFromSuspend: ctx.resumedFromSuspend,
    realm: ctx.request.realm,
    inputs: ctx.config.inputs,
    outputs: ctx.config.outputs,
  };
}

/** Scripted Decision: the script's outcome, or its callbacks. */
export const scriptedDecisionNode = defineNode({
  type: 'ScriptedDecisionNode',
  displayName: 'Scripted Decision',
  category: 'utilities',
  description: 'Runs a script of the realm that sends callbacks or chooses one of the declared outcomes.',
  config: Type.Object({
    script: Type.String({ minLength: 1, description: 'The id of the realm’s script.' }),
    outcomes: Type.Array(Type.String({ minLength: 1 }), { default: [], uniqueItems: true, description: 'The outcomes the script may choose.' }),
    inputs: Type.Array(Type.String(), { default: ['*'], description: 'State keys a next-generation script may read (* for all).' }),
    outputs: Type.Array(Type.String(), { default: ['*'], description: 'State keys a next-generation script may write (* for all).' }),
  }),
  outcomes: (config) => config.outcomes,
  async process(ctx): Promise<NodeAction> {
    const scripting = ctx.services.capabilities.get(SCRIPTING);
    let output: Awaited<ReturnType<typeof scripting.evaluate>>;
    try {
      output = await scripting.evaluate({
        realm: ctx.request.realm,
        scriptId: ctx.config.script,
        outcomes: ctx.config.outcomes,
        data: bindingsData(ctx),
        ...(ctx.request.cookie === undefined ? {} : { cookie: ctx.request.cookie }),
        identity: ctx.services.identity,
        identityResource: ctx.identityResource,
      });
    } catch (error) {
      if (isScriptError(error)) return fail();
      throw error;
    }
    return scriptNodeAction(ctx.state, output);
  },
});
