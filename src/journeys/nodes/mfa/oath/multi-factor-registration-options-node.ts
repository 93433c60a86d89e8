/**
 * MFA Registration Options (`MultiFactorRegistrationOptionsNode`): offers a user without a device
 * the choices AM offers, as a TextOutputCallback (`message`) and a ConfirmationCallback: "Register
 * Device", "Get the App" (when `getApp`), and unless `mandatory`, "Skip this step" and "Opt-out".
 * The chosen option is the outcome: `registerOutcome`, `getAppOutcome`, `skipOutcome`,
 * `optOutOutcome` (AM's ids; the outcomes a config cannot reach are not declared). Needs the user
 * and `shared.mfaMethod` (set by the verifier's `notRegisteredOutcome`); without them, or for an
 * option not offered, the journey fails (AM throws).
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo, send } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { confirmationCallback, textOutputCallback } from '../../../engine/callback-builders.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { localize } from '../../../engine/localize.ts';
import { localeMapField } from '../../config-fields.ts';
import { selectedOption } from './mfa-callbacks.ts';
import { mfaUser } from './mfa-user.ts';
import { MFA_METHOD_KEY } from './oath-device.ts';

/** AM's default message. */
export const REGISTRATION_OPTIONS_MESSAGE =
  'On this page you can choose to register, skip or opt-out the second factor authentication method selected to protect your account. If you "Skip", an MFA method will not be registered now, but you will be prompted again on your next login. Otherwise, if you "Opt out", an MFA method will not be registered now and you will not be asked again. This choice is not recommended.';

type Choice = 'registerOutcome' | 'getAppOutcome' | 'skipOutcome' | 'optOutOutcome';

function choicesOf(config: { getApp: boolean; mandatory: boolean }): Choice[] {
  const choices: Choice[] = ['registerOutcome'];
  if (config.getApp) choices.push('getAppOutcome');
  if (!config.mandatory) choices.push('skipOutcome', 'optOutOutcome');
  return choices;
}

/** MFA Registration Options: the user's choice is the outcome. */
export const multiFactorRegistrationOptionsNode = defineNode({
  type: 'MultiFactorRegistrationOptionsNode',
  displayName: 'MFA Registration Options',
  category: 'basic authentication',
  description: 'Lets the user register an MFA device, get the app, skip or opt out.',
  config: Type.Object({
    mandatory: Type.Boolean({ default: false, description: "Remove the 'skip' and 'opt-out' options." }),
    getApp: Type.Boolean({ default: true, description: "Show the 'Get the App' option." }),
    message: localeMapField({}, 'Message by locale.'),
    registerDeviceLabel: localeMapField({}, 'Register Device label by locale.'),
    getAppLabel: localeMapField({}, 'Get the App label by locale.'),
    skipStepLabel: localeMapField({}, 'Skip label by locale.'),
    optOutLabel: localeMapField({}, 'Opt-out label by locale.'),
  }),
  outcomes: (config) => choicesOf(config),
  async process(ctx): Promise<NodeAction> {
    const { config } = ctx;
    const choices = choicesOf(config);
    const selected = selectedOption(ctx.callbacks);
    if (selected !== undefined) {
      const choice = choices[selected];
      return choice === undefined ? fail() : goTo(choice);
    }
    const method = ctx.state.shared[MFA_METHOD_KEY];
    if (typeof method !== 'string' || method === '' || (await mfaUser(ctx)) === undefined) return fail();
    const locales = ctx.request.locales;
    const labels: Record<Choice, string> = {
      registerOutcome: localize(config.registerDeviceLabel, locales) ?? 'Register Device',
      getAppOutcome: localize(config.getAppLabel, locales) ?? 'Get the App',
      skipOutcome: localize(config.skipStepLabel, locales) ?? 'Skip this step',
      optOutOutcome: localize(config.optOutLabel, locales) ?? 'Opt-out',
    };
    return send([
      textOutputCallback(localize(config.message, locales) ?? REGISTRATION_OPTIONS_MESSAGE, '0'),
      confirmationCallback({ options: choices.map((choice) => labels[choice]), defaultOption: 0 }),
    ]);
  },
});
