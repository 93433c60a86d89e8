/**
 * itsme® sign-in end to end: a real Arbor on loopback, the strict itsme simulator (oidc-provider),
 * the provider created over AM's REST endpoint with AM's `itsmeConfig` JSON, the realm's RP keys
 * made by `arbor keys generate --itsme`, and the `SocialLogin` journey driven by the ForgeRock
 * JavaScript SDK with a browser stand-in following the redirects. The first sign-in creates the
 * user from itsme's claims, the second signs the same user in; the RedirectCallback step resumes
 * once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type { FRLoginFailure, FRStep, NameCallback, PasswordCallback, SelectIdPCallback } from '@forgerock/javascript-sdk';
import { startItsmeSimulator, type ItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { acceptSocialTerms, assertAcceptedActiveTerms, configureSdk, createItsmeProvider, generateItsmeKeys, runSocialJourney, type SocialArbor, sessionOf, startSocialArbor } from './social-harness.ts';

describe('itsme sign-in through SocialLogin', () => {
  let arbor: SocialArbor;
  let simulator: ItsmeSimulator;
  let redirectUri: string;

  before(async () => {
    arbor = await startSocialArbor();
    assert.match(await generateItsmeKeys(arbor), /\/am\/oauth2\/realms\/root\/realms\/alpha\/connect\/rp\/jwk_uri/);
    redirectUri = `${arbor.baseUrl}/login`;
    simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks() });
    await createItsmeProvider(arbor, 'itsme', simulator, redirectUri);
  });
  after(async () => {
    await simulator?.close();
    await arbor?.close();
  });

  it('creates the user from itsme on the first sign-in, once the active terms are accepted, and signs the same user in the second time', async () => {
    const before = Date.now();
    const first = await runSocialJourney(arbor, 'SocialLogin', 'itsme', redirectUri);
    assert.equal(first.outcome.kind, 'redirect');
    assert.deepEqual(await arbor.usersWith('mail', 'jan.peeters@example.be'), [], 'no account before the terms are accepted');
    sessionOf(await acceptSocialTerms(first.result));
    const [user, ...others] = await arbor.usersWith('mail', 'jan.peeters@example.be');
    assert.ok(user !== undefined, 'the user was created');
    assert.deepEqual(others, []);
    assert.equal(user.attributes.givenName, 'Jan');
    assert.equal(user.attributes.sn, 'Peeters');
    assert.equal(user.attributes.userName, 'jan.peeters@example.be');
    assert.deepEqual(user.attributes.aliasList, ['itsme-itsme-user-1']);
    await assertAcceptedActiveTerms(arbor, user._id, before);

    const second = await runSocialJourney(arbor, 'SocialLogin', 'itsme', redirectUri);
    sessionOf(second.result);
    assert.equal((await arbor.usersWith('mail', 'jan.peeters@example.be')).length, 1, 'no duplicate');
    assert.deepEqual(arbor.failures, []);
  });

  it('resumes the RedirectCallback step once: posting it again with the same code and state fails cleanly', async () => {
    const run = await runSocialJourney(arbor, 'SocialLogin', 'itsme', redirectUri);
    sessionOf(run.result);
    const query = Object.fromEntries(new URL(run.resumedFrom).searchParams.entries());
    const again = await FRAuth.next(run.redirectStep, { query });
    assert.equal(again.type, StepType.LoginFailure);
    assert.equal((again as FRLoginFailure).getCode(), 401);
  });

  it('signs in locally on the same page: name, password and localAuthentication', async () => {
    await arbor.platform.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'Local', mail: 'erin@example.com' });
    configureSdk(arbor, 'SocialLogin');
    const first = (await FRAuth.next()) as FRStep;
    first.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('erin');
    first.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword('Secret-Passw0rd');
    first.getCallbackOfType<SelectIdPCallback>(CallbackType.SelectIdPCallback).setProvider('localAuthentication');
    sessionOf(await FRAuth.next(first));
    const again = (await FRAuth.next()) as FRStep;
    again.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('erin');
    again.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword('wrong-password');
    again.getCallbackOfType<SelectIdPCallback>(CallbackType.SelectIdPCallback).setProvider('localAuthentication');
    assert.equal((await FRAuth.next(again)).type, StepType.LoginFailure);
  });

  it('offers the enabled provider and local sign-in on the first page, with the provider’s uiConfig', async () => {
    const start = await fetch(`${arbor.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=SocialLogin`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    const step = (await start.json()) as { callbacks: { type: string; output: { name: string; value: unknown }[] }[] };
    assert.deepEqual(step.callbacks.map((callback) => callback.type), ['NameCallback', 'PasswordCallback', 'SelectIdPCallback']);
    const providers = step.callbacks[2]?.output.find((output) => output.name === 'providers')?.value as { provider: string; uiConfig?: Record<string, unknown> }[];
    assert.deepEqual(providers.map((entry) => entry.provider), ['itsme', 'localAuthentication']);
    assert.equal(providers[0]?.uiConfig?.buttonDisplayName, 'itsme');
    assert.equal(providers[1]?.uiConfig, undefined);
  });
});
