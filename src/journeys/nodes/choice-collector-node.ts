/**
 * Choice Collector (`ChoiceCollectorNode`): asks the user to pick one of the configured choices;
 * each choice is also an outcome id. A single choice is taken without asking, as AM does.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { choiceCallback } from '../engine/callback-builders.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';

/** Choice Collector: ChoiceCallback; the outcome is the chosen choice. */
export const choiceCollectorNode = defineNode({
  type: 'ChoiceCollectorNode',
  displayName: 'Choice Collector',
  category: 'utilities',
  description: 'Lets the user pick one of several choices, one outcome per choice.',
  config: Type.Object({
    choices: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true, description: 'Choices, in order; also the outcome ids.' }),
    defaultChoice: Type.String({ default: '', description: 'Choice selected by default (the first when not one of the choices).' }),
    prompt: Type.String({ default: '', description: 'Text shown above the choices.' }),
  }),
  outcomes: (config) => config.choices,
  process(ctx): NodeAction {
    const { choices, defaultChoice, prompt } = ctx.config;
    const only = choices.length === 1 ? choices[0] : undefined;
    if (only !== undefined) return goTo(only);

    const submitted = ctx.callbacks?.find((callback) => callback.type === 'ChoiceCallback');
    const index = inputValue(submitted);
    const chosen = typeof index === 'number' && Number.isInteger(index) ? choices[index] : undefined;
    if (chosen !== undefined) return goTo(chosen);

    const defaultIndex = Math.max(choices.indexOf(defaultChoice), 0);
    return send([choiceCallback(prompt, [...choices], defaultIndex)]);
  },
});
