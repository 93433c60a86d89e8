/**
 * The app of the OpenID provider's browser test: the unmodified ForgeRock JavaScript SDK (its ES
 * modules, served from the installed package) as an app on another origin uses it with AM.
 * `window.signInAndGetTokens(arbor, clientId, {username, password})` runs the `Login` journey with
 * FRAuth, then `TokenManager.getTokens({forceRenew: true})` (authorization code + PKCE in the SDK's
 * hidden iframe, carried by Arbor's session cookie) and `UserManager.getCurrentUser()` (userinfo),
 * shows them on the page and resolves to `{type, steps, tokens, user}`. `window.signOut()` runs
 * `FRUser.logout()` and resolves to what the SDK kept (nothing, after a logout).
 */
import Config from './sdk/config/index.js';
import FRAuth from './sdk/fr-auth/index.js';
import FRUser from './sdk/fr-user/index.js';
import TokenManager from './sdk/token-manager/index.js';
import TokenStorage from './sdk/token-storage/index.js';
import UserManager from './sdk/user-manager/index.js';

const status = document.getElementById('status');
const result = document.getElementById('result');

function show(entries) {
  result.replaceChildren();
  for (const [name, value] of entries) {
    const term = document.createElement('dt');
    term.textContent = name;
    const detail = document.createElement('dd');
    detail.textContent = value;
    result.append(term, detail);
  }
}

window.signInAndGetTokens = async (arbor, clientId, answers) => {
  Config.set({
    clientId,
    redirectUri: `${window.location.origin}/callback`,
    scope: 'openid profile email',
    realmPath: 'alpha',
    tree: 'Login',
    serverConfig: { baseUrl: `${arbor}/am/`, timeout: 10000 },
  });
  const steps = [];
  let step = await FRAuth.next(undefined, { tree: 'Login' });
  for (let turn = 0; turn < 10 && step.type === 'Step'; turn += 1) {
    steps.push(step.callbacks.map((callback) => callback.getType()).join('+'));
    for (const callback of step.getCallbacksOfType('NameCallback')) callback.setName(answers.username);
    for (const callback of step.getCallbacksOfType('PasswordCallback')) callback.setPassword(answers.password);
    for (const callback of step.getCallbacksOfType('TermsAndConditionsCallback')) callback.setAccepted(true);
    for (const callback of step.getCallbacksOfType('BooleanAttributeInputCallback')) callback.setValue(false);
    step = await FRAuth.next(step, { tree: 'Login' });
  }
  if (step.type !== 'LoginSuccess') {
    status.textContent = `journey ended: ${step.type}`;
    return { type: step.type, steps };
  }
  status.textContent = 'signed in; getting tokens';
  const tokens = await TokenManager.getTokens({ forceRenew: true });
  const user = await UserManager.getCurrentUser();
  show([
    ['Signed in as', `${user.name ?? ''} (${user.preferred_username ?? ''}, ${user.email ?? ''})`],
    ['sub', user.sub],
    ['Access token', `${tokens.accessToken.slice(0, 12)}…`],
    ['ID token', `${tokens.idToken.slice(0, 24)}…`],
    ['Expires', new Date(tokens.tokenExpiry).toISOString()],
  ]);
  status.textContent = 'signed in with tokens';
  return { type: step.type, steps, tokens, user };
};

window.signOut = async () => {
  await FRUser.logout();
  const kept = await TokenStorage.get();
  show([['Signed out', kept === undefined || kept === null ? 'no tokens kept' : 'tokens still kept']]);
  status.textContent = 'signed out';
  return kept ?? null;
};

status.textContent = 'ready';
