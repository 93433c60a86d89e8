/**
 * Social profile scripts in the journey's scripting engine: when the deployment has the scripting
 * capability, a provider's `transform` or a Social Provider Handler's `script` that names none of
 * Arbor's built-ins runs as the realm's stored script (AM's "Social Identity Provider Profile
 * Transformation" scripts, legacy or next-generation), with `rawProfile` or `normalizedProfile`,
 * `selectedIdp` and the usual request and state bindings, under the realm's script limits. Its
 * completion value is the result. A failure (already logged by the scripting capability with the
 * script's name and the reason) becomes `TRANSFORM_FAILED`.
 */
import type { NodeContext } from '../../engine/node-context.ts';
import { isScriptError } from '../../../scripting/script-error.ts';
import { bindingsData } from '../scripting/scripted-decision-node.ts';
import { SCRIPTING } from '../scripting/scripting-gateway.ts';
import { socialSignInError, type ProfileScriptRunner } from './social-gateway.ts';

const EVERY_KEY = ['*'];

/** The runner of `ctx`'s journey; undefined when this deployment runs no scripts. */
export function profileScriptRunner(ctx: NodeContext<unknown>): ProfileScriptRunner | undefined {
  if (!ctx.services.capabilities.has(SCRIPTING)) return undefined;
  const scripting = ctx.services.capabilities.get(SCRIPTING);
  return async (scriptId, documents, selectedIdp) => {
    try {
      const output = await scripting.evaluate({
        realm: ctx.request.realm,
        scriptId,
        outcomes: [],
        requireOutcome: false,
        data: { ...bindingsData({ ...ctx, config: { inputs: EVERY_KEY, outputs: EVERY_KEY } }), callbacks: undefined, documents, values: { selectedIdp }, collectResult: true },
        ...(ctx.request.cookie === undefined ? {} : { cookie: ctx.request.cookie }),
        identity: ctx.services.identity,
        identityResource: ctx.identityResource,
      });
      return { result: output.result ?? null, shared: output.shared, transient: output.transient };
    } catch (error) {
      if (isScriptError(error)) throw socialSignInError('TRANSFORM_FAILED', `the profile script ${scriptId} failed: ${error.message}`);
      throw error;
    }
  };
}
