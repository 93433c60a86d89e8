/**
 * Social transformation scripts run in the journey's scripting engine: a provider whose
 * `transform` names a stored JavaScript normalization script (AM's legacy `JsonValue` style) signs
 * a user in with the profile the script made; a Social Provider Handler whose `script` names a
 * stored next-generation transformation script creates the account with the attributes the script
 * chose; a normalization script that throws ends the journey, and both the social and the
 * scripting log say which script failed and why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback, FRStep } from '@forgerock/javascript-sdk';
import type { JourneyDefinition } from '../../src/journeys/engine/tree-model.ts';
import { createScriptingCapability } from '../../src/platform/scripting/scripting-capability.ts';
import type { ScriptLogEntry } from '../../src/platform/scripting/scripting-gateway-adapter.ts';
import { createSocialCapability } from '../../src/platform/social/social-capability.ts';
import type { AmScript } from '../../src/scripting/am-script.ts';
import { configScriptStore } from '../../src/scripting/script-store.ts';
import { type GitHubLikeProvider, gitHubLikeProviderBody, startGitHubLikeProvider } from '../../src/social/testing/github-like-provider.ts';
import { ADMIN, acceptTermsOn, runSocialJourney, type SocialArbor, type StepResult, sessionOf, startSocialArbor } from './social-harness.ts';

function stored(id: string, version: '1.0' | '2.0', context: string, source: string): AmScript {
  return {
    _id: id,
    name: `Test ${id}`,
    description: '',
    script: Buffer.from(source, 'utf8').toString('base64'),
    language: 'JAVASCRIPT',
    context,
    evaluatorVersion: version,
    default: false,
    createdBy: 'test',
    creationDate: 1,
    lastModifiedBy: 'test',
    lastModifiedDate: 1,
  };
}

const NORMALIZE = `
(function () {
  var frJava = JavaImporter(org.forgerock.json.JsonValue);
  var profile = frJava.JsonValue.json(frJava.JsonValue.object());
  var names = rawProfile.get('name').asString().split(' ');
  profile.put('id', rawProfile.get('id').asString());
  profile.put('displayName', rawProfile.get('name'));
  profile.put('givenName', names[0]);
  profile.put('familyName', names[1]);
  profile.put('username', 'gh-' + rawProfile.get('login').asString());
  if (rawProfile.isDefined('email') && rawProfile.get('email').isNotNull()) profile.put('email', rawProfile.get('email'));
  logger.message('normalized a profile from ' + selectedIdp);
  return profile;
}());`;

const TO_USER = `
(function () {
  return {
    userName: normalizedProfile.get('username') + '-scripted',
    givenName: normalizedProfile.givenName.toUpperCase(),
    sn: normalizedProfile.get('familyName'),
    mail: 'scripted-' + normalizedProfile.get('email'),
    description: 'from ' + selectedIdp,
  };
})();`;

const THROWS = `throw new Error('no profile for you');`;

describe('social profile scripts in the scripting engine', () => {
  let arbor: SocialArbor;
  let github: GitHubLikeProvider;
  let redirectUri: string;
  const scriptLines: ScriptLogEntry[] = [];

  before(async () => {
    arbor = await startSocialArbor({ capabilities: (log) => [createSocialCapability({ log }), createScriptingCapability({ log: (entry) => scriptLines.push(entry), workers: 1 })] });
    redirectUri = `${arbor.baseUrl}/login`;
    github = await startGitHubLikeProvider();
    const scripts = configScriptStore(arbor.store.configs);
    await scripts.put('alpha', stored('normalize-github', '1.0', 'SOCIAL_IDP_PROFILE_TRANSFORMATION', NORMALIZE));
    await scripts.put('alpha', stored('to-user-next', '2.0', 'SOCIAL_IDP_PROFILE_TRANSFORMATION', TO_USER));
    await scripts.put('alpha', stored('normalize-throws', '1.0', 'SOCIAL_IDP_PROFILE_TRANSFORMATION', THROWS));
    // SocialLogin with its handler's script replaced by the stored transformation script.
    const social = await arbor.store.journeys.get('alpha', 'SocialLogin');
    assert.ok(social !== undefined);
    const copy: JourneyDefinition = structuredClone(social);
    copy.tree._id = 'SocialLoginScripted';
    for (const node of Object.values(copy.nodes)) if (node._type._id === 'SocialProviderHandlerNode') node.script = 'to-user-next';
    await arbor.store.journeys.put('alpha', copy);
  });
  after(async () => {
    await github?.close();
    await arbor?.close();
  });

  /** Accepts the terms on each page (filling in nothing else) until the journey ends; the userName offered, if asked. */
  async function finishPages(result: StepResult): Promise<{ result: StepResult; offered: string[] }> {
    const offered: string[] = [];
    let current = result;
    for (let page = 0; page < 4 && current.type === StepType.Step; page += 1) {
      const step = current as FRStep;
      for (const input of step.getCallbacksOfType(CallbackType.StringAttributeInputCallback) as AttributeInputCallback<string>[]) {
        if (input.getName() === 'userName') offered.push(input.getInputValue());
      }
      acceptTermsOn(step);
      current = await FRAuth.next(step);
    }
    return { result: current, offered };
  }

  it('a provider’s transform naming a stored legacy script normalizes the profile: the account is made from what the script returned', async () => {
    const created = await arbor.putProvider('gitHubConfig', 'github', { ...gitHubLikeProviderBody(github, redirectUri), transform: 'normalize-github' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const run = await runSocialJourney(arbor, 'SocialLogin', 'github', redirectUri);
    const { result, offered } = await finishPages(run.result);
    sessionOf(result);
    assert.deepEqual(offered.filter((name) => name !== 'gh-octo-jan'), [], 'the script’s username is what the page offered, if it asked');
    const [user] = await arbor.usersWith('userName', 'gh-octo-jan');
    assert.equal(user?.attributes.givenName, 'Jan');
    assert.equal(user?.attributes.sn, 'Octo');
    assert.deepEqual(user?.attributes.aliasList, ['github-583231']);
    assert.ok(scriptLines.some((line) => line.level === 'info' && line.message.includes('normalized a profile from github') && line.script.includes('normalize-github')));
  });

  it('an export carries the provider’s normalization script; imported into another realm, both arrive unchanged', async () => {
    const exported = await arbor.cli(['journey', 'export', 'SocialLogin']);
    assert.equal(exported.code, 0, exported.err);
    const tree = (JSON.parse(exported.out) as { trees: Record<string, { scripts: Record<string, AmScript>; socialIdentityProviders: Record<string, { transform?: string }> }> }).trees.SocialLogin;
    assert.equal(tree?.socialIdentityProviders.github?.transform, 'normalize-github');
    assert.equal(tree?.scripts['normalize-github']?.script, Buffer.from(NORMALIZE, 'utf8').toString('base64'));
    const file = await arbor.writeTemp('social-login.json', exported.out);
    const imported = await arbor.cli(['journey', 'import', '--realm', 'root', file]);
    assert.equal(imported.code, 0, imported.err);
    const provider = await fetch(`${arbor.baseUrl}/am/json/realms/root/realm-config/services/SocialIdentityProviders/gitHubConfig/github`, { headers: ADMIN });
    assert.equal(provider.status, 200);
    assert.equal(((await provider.json()) as { transform?: string }).transform, 'normalize-github');
    const script = await configScriptStore(arbor.store.configs).get('root', 'normalize-github');
    assert.equal(script?.script, Buffer.from(NORMALIZE, 'utf8').toString('base64'));
  });

  it('a handler’s script naming a stored next-generation script maps the normalized profile onto the new account', async () => {
    const run = await runSocialJourney(arbor, 'SocialLoginScripted', 'github', redirectUri);
    // The alias is already linked by the first test: sign in as that user…
    sessionOf((await finishPages(run.result)).result);
    // …so unlink it, and the next sign-in makes the account the script describes.
    const [linked] = await arbor.usersWith('userName', 'gh-octo-jan');
    assert.ok(linked !== undefined);
    await arbor.platform.identity.patchUser('alpha_user', linked._id, { aliasList: [] });
    const again = await runSocialJourney(arbor, 'SocialLoginScripted', 'github', redirectUri);
    sessionOf((await finishPages(again.result)).result);
    const [user, ...others] = await arbor.usersWith('userName', 'gh-octo-jan-scripted');
    assert.deepEqual(others, []);
    assert.equal(user?.attributes.givenName, 'JAN');
    assert.equal(user?.attributes.description, 'from github');
    assert.equal(user?.attributes.mail, 'scripted-jan@example.org', '(mail is unique: the first account keeps jan@example.org)');
  });

  it('a normalization script that throws fails the journey; the logs name the script and the reason', async () => {
    const created = await arbor.putProvider('gitHubConfig', 'github', { ...gitHubLikeProviderBody(github, redirectUri), transform: 'normalize-throws' });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const run = await runSocialJourney(arbor, 'SocialLogin', 'github', redirectUri);
    assert.equal(run.result.type, StepType.LoginFailure, JSON.stringify((run.result as { payload?: unknown }).payload));
    const failure = arbor.failures.at(-1);
    assert.equal(failure?.code, 'TRANSFORM_FAILED');
    assert.match(failure?.reason ?? '', /normalize-throws.*no profile for you/);
    assert.ok(scriptLines.some((line) => line.level === 'warn' && line.code === 'SCRIPT_ERROR' && line.script.includes('normalize-throws')));
  });
});
