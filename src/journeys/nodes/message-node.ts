/**
 * Message Node (`MessageNode`): shows a localized message with a positive and a negative answer
 * (TextOutputCallback + ConfirmationCallback, the pattern Platform UI renders as a message page).
 * Index 0 is `true`, 1 is `false`; `stateField` keeps the chosen index in shared state.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { confirmationCallback, textOutputCallback } from '../engine/callback-builders.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import { localize } from '../engine/localize.ts';

const LocaleMap = (fallback: Record<string, string>, description: string) =>
  Type.Record(Type.String(), Type.String(), { default: fallback, description });

/** Message Node: `true` for the positive answer, `false` for the negative one. */
export const messageNode = defineNode({
  type: 'MessageNode',
  displayName: 'Message Node',
  category: 'utilities',
  description: 'Shows a message and asks for a positive or negative answer.',
  config: Type.Object({
    message: LocaleMap({}, 'Message by locale.'),
    messageYes: LocaleMap({ en: 'Yes' }, 'Positive answer by locale.'),
    messageNo: LocaleMap({ en: 'No' }, 'Negative answer by locale.'),
    stateField: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Shared state property that receives the chosen index.' })),
  }),
  outcomes: ['true', 'false'],
  process(ctx): NodeAction {
    const { locales } = ctx.request;
    // AM's bundle defaults when a map is empty (exports often carry `messageNo: {}`).
    const message = localize(ctx.config.message, locales) || 'Default message';
    const yes = localize(ctx.config.messageYes, locales) || 'Yes';
    const no = localize(ctx.config.messageNo, locales) || 'No';

    const submitted = ctx.callbacks?.find((callback) => callback.type === 'ConfirmationCallback');
    const index = inputValue(submitted);
    if (index !== 0 && index !== 1) {
      return send([textOutputCallback(message, '0'), confirmationCallback({ prompt: '', messageType: 0, options: [yes, no], optionType: -1, defaultOption: 1 })]);
    }
    const stateField = ctx.config.stateField;
    if (typeof stateField === 'string' && stateField !== '') ctx.state.shared[stateField] = index;
    return goTo(index === 0 ? 'true' : 'false');
  },
});
