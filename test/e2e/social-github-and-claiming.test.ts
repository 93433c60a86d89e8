/**
 * A GitHub-like plain OAuth 2.0 provider signs a user in with the GitHub preset (the profile has no
 * names: the journey asks for them with the Attribute Collector, then creates the account), and
 * account claiming through `SocialRegistration`: an itsme identity whose email the provider
 * verified links to the existing user with that email (`aliasList`) and signs them in, later
 * through `SocialLogin` too; an unverified email never links, and the journey fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback, FRLoginFailure, FRStep } from '@forgerock/javascript-sdk';
import { type GitHubLikeProvider, gitHubLikeProviderBody, startGitHubLikeProvider } from '../../src/social/testing/github-like-provider.ts';
import { type ItsmeSimulator, startItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { acceptSocialTerms, acceptTermsOn, assertAcceptedActiveTerms, createItsmeProvider, generateItsmeKeys, runSocialJourney, type SocialArbor, sessionOf, startSocialArbor } from './social-harness.ts';

describe('GitHub preset and account claiming', () => {
  let arbor: SocialArbor;
  let github: GitHubLikeProvider;
  const simulators: ItsmeSimulator[] = [];
  let redirectUri: string;

  before(async () => {
    arbor = await startSocialArbor();
    await generateItsmeKeys(arbor);
    redirectUri = `${arbor.baseUrl}/login`;
    github = await startGitHubLikeProvider();
    for (const [userName, mail] of [
      ['carol', 'carol@example.be'],
      ['dave', 'dave@example.be'],
    ]) {
      await arbor.platform.identity.createUser('alpha_user', { userName, password: 'Secret-Passw0rd', givenName: userName, sn: 'Existing', mail });
    }
  });
  after(async () => {
    for (const simulator of simulators) await simulator.close();
    await github?.close();
    await arbor?.close();
  });

  /** An itsme provider `name` whose one account has `mail`, verified or not. */
  async function itsmeWith(name: string, mail: string, verified: boolean): Promise<void> {
    const simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks(), clientId: `client-${name}`, accounts: { [`sub-${name}`]: { given_name: 'Social', family_name: 'Person', email: mail, email_verified: verified } } });
    simulators.push(simulator);
    await createItsmeProvider(arbor, name, simulator, redirectUri);
  }

  it('a GitHub-like OAuth 2.0 provider with the GitHub preset signs a new user in, asking for the names GitHub does not give and the active terms', async () => {
    const since = Date.now();
    const created = await arbor.putProvider('gitHubConfig', 'github', gitHubLikeProviderBody(github, redirectUri));
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const run = await runSocialJourney(arbor, 'SocialLogin', 'github', redirectUri);
    assert.equal(run.result.type, StepType.Step, JSON.stringify((run.result as { payload?: unknown }).payload));
    const page = run.result as FRStep;
    const inputs = page.getCallbacksOfType(CallbackType.StringAttributeInputCallback) as AttributeInputCallback<string>[];
    const byName = new Map(inputs.map((input): [string, AttributeInputCallback<string>] => [input.getName(), input]));
    assert.equal(byName.get('mail')?.getInputValue(), 'jan@example.org', 'what GitHub gave is filled in');
    assert.equal(byName.get('userName')?.getInputValue(), 'octo-jan');
    byName.get('givenName')?.setValue('Jan');
    byName.get('sn')?.setValue('Octo');
    acceptTermsOn(page);
    sessionOf(await FRAuth.next(page));
    const [user, ...others] = await arbor.usersWith('userName', 'octo-jan');
    assert.deepEqual(others, []);
    assert.equal(user?.attributes.mail, 'jan@example.org');
    assert.deepEqual(user?.attributes.aliasList, ['github-583231']);
    assert.ok(user !== undefined);
    await assertAcceptedActiveTerms(arbor, user._id, since);
    // Signed in again: the same user, found by the alias.
    sessionOf((await runSocialJourney(arbor, 'SocialLogin', 'github', redirectUri)).result);
    assert.equal((await arbor.usersWith('mail', 'jan@example.org')).length, 1);
  });

  it('a verified email links the social identity to the existing user, who is signed in (then through SocialLogin as well)', async () => {
    await itsmeWith('itsmeverified', 'carol@example.be', true);
    const run = await runSocialJourney(arbor, 'SocialRegistration', 'itsmeverified', redirectUri);
    const token = sessionOf(run.result);
    const [carol, ...others] = await arbor.usersWith('mail', 'carol@example.be');
    assert.deepEqual(others, [], 'no second account');
    assert.equal(carol?.attributes.userName, 'carol');
    assert.equal(carol?.attributes.givenName, 'carol', 'claiming adds the link, it does not rewrite the profile');
    assert.deepEqual(carol?.attributes.aliasList, ['itsmeverified-sub-itsmeverified']);
    const session = await fetch(`${arbor.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenId: token }) });
    assert.equal(((await session.json()) as { uid?: string }).uid, 'carol');
    sessionOf((await runSocialJourney(arbor, 'SocialLogin', 'itsmeverified', redirectUri)).result);
    assert.equal((await arbor.usersWith('mail', 'carol@example.be')).length, 1);
  });

  it('an unverified email does not link: the journey fails and the existing user is unchanged', async () => {
    await itsmeWith('itsmeunverified', 'dave@example.be', false);
    const run = await runSocialJourney(arbor, 'SocialRegistration', 'itsmeunverified', redirectUri);
    // Not linked, so a new account is asked for: the terms first, then Create Object refuses the taken address.
    const result = await acceptSocialTerms(run.result);
    assert.equal(result.type, StepType.LoginFailure);
    assert.equal((result as FRLoginFailure).getCode(), 401);
    const [dave, ...others] = await arbor.usersWith('mail', 'dave@example.be');
    assert.deepEqual(others, []);
    assert.equal(dave?.attributes.userName, 'dave');
    assert.equal(dave?.attributes.aliasList, undefined);
  });
});
