/**
 * The app of the WebAuthn browser test: the unmodified ForgeRock JavaScript SDK (its ES modules,
 * served from the installed package) driving an Arbor journey with FRAuth and FRWebAuthn, as an app
 * on another origin does. The test calls `window.runJourney(arbor, journey, {username, password,
 * deviceName})`, which answers username and password steps, lets FRWebAuthn register or
 * authenticate at WebAuthn steps (the browser's authenticator is a CDP virtual one), and resolves to
 * `{type, steps, errors}`: how the journey ended, the kinds of step seen and what FRWebAuthn threw.
 */
import Config from './sdk/config/index.js';
import FRAuth from './sdk/fr-auth/index.js';
import FRWebAuthn, { WebAuthnStepType } from './sdk/fr-webauthn/index.js';

window.runJourney = async (arbor, tree, answers = {}) => {
  Config.set({ serverConfig: { baseUrl: `${arbor}/am/`, timeout: 10000 }, realmPath: 'alpha', tree });
  const steps = [];
  const errors = [];
  let step = await FRAuth.next(undefined, { tree });
  for (let turn = 0; turn < 10 && step.type === 'Step'; turn += 1) {
    const kind = FRWebAuthn.getWebAuthnStepType(step);
    try {
      if (kind === WebAuthnStepType.Registration) {
        steps.push('registration');
        await FRWebAuthn.register(step, answers.deviceName);
      } else if (kind === WebAuthnStepType.Authentication) {
        steps.push('authentication');
        await FRWebAuthn.authenticate(step);
      } else {
        steps.push(step.callbacks.map((callback) => callback.getType()).join('+'));
        for (const callback of step.getCallbacksOfType('NameCallback')) callback.setName(answers.username ?? '');
        for (const callback of step.getCallbacksOfType('PasswordCallback')) callback.setPassword(answers.password ?? '');
      }
    } catch (error) {
      // FRWebAuthn has put `unsupported` or `ERROR::…` in the hidden value: the server decides.
      errors.push(`${error.name}: ${error.message}`);
    }
    step = await FRAuth.next(step, { tree });
  }
  return { type: step.type, steps, errors };
};
document.getElementById('status').textContent = 'ready';
