/**
 * Polling Wait (`PollingWaitNode`): makes the client wait `secondsToWait` before the journey goes
 * on. It sends a PollingWaitCallback (`waitTime` in milliseconds, as a string; `message` with
 * `{{time}}` replaced by the seconds); the client sends the step back after the wait. The end time
 * and the count of early answers live in shared state under AM's keys (`<nodeId>.end_time`, epoch
 * ms, and `<nodeId>.spam_count`), cleared when the node leaves. Outcomes as AM: `DONE` once the
 * time has passed; `SPAM` (only with `spamDetectionEnabled`) when more than
 * `spamDetectionTolerance` answers came early; `EXITED` (only when `exitable`) when the user
 * pressed the exit button (a ConfirmationCallback whose index is preset to 100, 0 meaning exit).
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { confirmationCallback } from '../../engine/callback-builders.ts';
import type { Callback } from '../../engine/callbacks.ts';
import { inputValue } from '../../engine/callbacks.ts';
import { defineNode } from '../../engine/define-node.ts';
import { type LocaleMap, localize } from '../../engine/localize.ts';

/** AM's default texts, in the languages Arbor's pages speak. */
const DEFAULT_WAITING: LocaleMap = { en: 'Waiting for response...', fr: 'En attente de réponse...', nl: 'Wachten op antwoord...', de: 'Warten auf Antwort...' };
const DEFAULT_EXIT: LocaleMap = { en: 'Cancel', fr: 'Annuler', nl: 'Annuleren', de: 'Abbrechen' };

/** The selected index AM presets on the exit button's ConfirmationCallback (0 is "exit"). */
const EXIT_NOT_PRESSED = 100;

const LocaleMapSchema = (description: string) => Type.Record(Type.String(), Type.String(), { default: {}, description });

/** AM's PollingWaitCallback. */
export function pollingWaitCallback(waitTimeMs: number, message: string): Callback {
  return { type: 'PollingWaitCallback', output: [{ name: 'waitTime', value: String(waitTimeMs) }, { name: 'message', value: message }], inputs: [] };
}

/** Shared state keys of node `nodeId`, as AM names them. */
export function pollingWaitKeys(nodeId: string): { endTime: string; spamCount: string } {
  return { endTime: `${nodeId}.end_time`, spamCount: `${nodeId}.spam_count` };
}

/** Polling Wait: `DONE` after the wait; `SPAM` and `EXITED` when configured. */
export const pollingWaitNode = defineNode({
  type: 'PollingWaitNode',
  displayName: 'Polling Wait',
  category: 'utilities',
  description: 'Makes the client wait a number of seconds before the journey goes on.',
  config: Type.Object({
    secondsToWait: Type.Integer({ default: 8, minimum: 1, maximum: 3600, description: 'Seconds to wait.' }),
    spamDetectionEnabled: Type.Boolean({ default: false, description: 'Leave through SPAM when the client answers too early too often.' }),
    spamDetectionTolerance: Type.Integer({ default: 3, minimum: 0, description: 'Early answers allowed.' }),
    waitingMessage: LocaleMapSchema('Message while waiting, by locale ({{time}}: the seconds).'),
    exitable: Type.Boolean({ default: false, description: 'Offer a button that leaves through EXITED.' }),
    exitMessage: LocaleMapSchema('Text of the exit button, by locale.'),
  }),
  outcomes: (config) => ['DONE', ...(config.exitable ? ['EXITED'] : []), ...(config.spamDetectionEnabled ? ['SPAM'] : [])],
  process(ctx): NodeAction {
    const { config, state } = ctx;
    const keys = pollingWaitKeys(ctx.nodeId);
    const leave = (outcome: string): NodeAction => {
      delete state.shared[keys.endTime];
      delete state.shared[keys.spamCount];
      return goTo(outcome);
    };
    const confirmation = ctx.callbacks?.find((callback) => callback.type === 'ConfirmationCallback');
    if (config.exitable && inputValue(confirmation) === 0) return leave('EXITED');
    const spamCount = state.shared[keys.spamCount];
    if (config.spamDetectionEnabled && typeof spamCount === 'number' && spamCount > config.spamDetectionTolerance) return leave('SPAM');
    const now = ctx.services.clock.now();
    const endTime = state.shared[keys.endTime];
    if (typeof endTime === 'number' && endTime <= now) return leave('DONE');

    if (typeof endTime === 'number') state.shared[keys.spamCount] = (typeof spamCount === 'number' ? spamCount : 0) + 1;
    else {
      state.shared[keys.endTime] = now + config.secondsToWait * 1000;
      state.shared[keys.spamCount] = 0;
    }
    const { locales } = ctx.request;
    const waiting = (localize(config.waitingMessage, locales) || localize(DEFAULT_WAITING, locales) || '').replaceAll('{{time}}', String(config.secondsToWait));
    const callbacks = [pollingWaitCallback(config.secondsToWait * 1000, waiting)];
    if (config.exitable) {
      const exit = localize(config.exitMessage, locales) || localize(DEFAULT_EXIT, locales) || 'Cancel';
      const button = confirmationCallback({ prompt: '', messageType: 0, options: [exit], optionType: -1, defaultOption: 0 });
      callbacks.push({ ...button, inputs: [{ suffix: '', value: EXIT_NOT_PRESSED, kind: 'number' }] });
    }
    return send(callbacks);
  },
});
