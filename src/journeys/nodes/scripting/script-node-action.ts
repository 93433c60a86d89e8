/**
 * What a script-driven node does with a finished run: the script's state replaces the journey's,
 * its callbacks (with the page's header, description and stage) become the step, else it goes to
 * the outcome it chose (the gateway has checked it is declared), else the journey fails.
 */
import { fail, goTo, send } from '../../engine/actions.ts';
import type { NodeAction, PageInfo } from '../../engine/actions.ts';
import type { ScriptOutput } from '../../../scripting/script-output.ts';

function replace(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}

/** Applies `output` to `state` and returns the node's action. */
export function scriptNodeAction(state: { shared: Record<string, unknown>; transient: Record<string, unknown> }, output: ScriptOutput): NodeAction {
  replace(state.shared, output.shared);
  replace(state.transient, output.transient);
  if (output.callbacks.length > 0) {
    const page: PageInfo = {};
    if (output.header !== undefined) page.header = output.header;
    if (output.description !== undefined) page.description = output.description;
    if (output.stage !== undefined) page.stage = output.stage;
    return send(output.callbacks, Object.keys(page).length > 0 ? page : undefined);
  }
  return output.outcome === undefined ? fail() : goTo(output.outcome, output.errorMessage === undefined ? {} : { errorMessage: output.errorMessage });
}
