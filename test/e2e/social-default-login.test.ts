/**
 * The default `Login` and `Registration` of realm alpha offer the realm's social providers as soon
 * as one is enabled, as ForgeRock's platform journeys do (a Select Identity Provider node on the
 * first page, local sign-in included), and answer exactly what they answered before social
 * sign-in existed while none is: a real Arbor on loopback, the strict itsme simulator
 * (oidc-provider), the provider created, disabled and enabled over AM's REST endpoint, the
 * journeys driven by the ForgeRock JavaScript SDK with a browser stand-in following the redirects.
 * `test/fixtures/arbor/default-first-steps.json` holds the first steps (without their authId) the
 * two journeys answered, byte for byte, before they carried the node.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { FRStep, NameCallback, PasswordCallback, SelectIdPCallback } from '@forgerock/javascript-sdk';
import { acceptActiveTerms } from '../../src/http/testing/accept-active-terms.ts';
import { type ItsmeSimulator, ITSME_TEST_ACCOUNT, startItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { itsmeProviderBody } from '../../src/social/testing/simulated-provider-config.ts';
import { acceptSocialTerms, assertAcceptedActiveTerms, configureSdk, generateItsmeKeys, runSocialJourney, type SocialArbor, sessionOf, startSocialArbor } from './social-harness.ts';

const TODAY = JSON.parse(readFileSync(new URL('../fixtures/arbor/default-first-steps.json', import.meta.url), 'utf8')) as Record<'Login' | 'Registration', string>;

interface StepJson {
  authId?: string;
  callbacks: { type: string; output: { name: string; value: unknown }[]; input?: { name: string; value: unknown }[] }[];
  header?: string;
  description?: string;
}

/** Accounts at the itsme simulator: Jan signs in through Login, Lies signs up, Carol's verified email is an existing user's. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'itsme-user-1': ITSME_TEST_ACCOUNT,
  'itsme-user-2': { given_name: 'Lies', family_name: 'Janssens', email: 'lies.janssens@example.be', email_verified: false, locale: 'nl' },
  'itsme-user-3': { given_name: 'Carol', family_name: 'Claes', email: 'carol@example.be', email_verified: true, locale: 'fr' },
};

describe('the default Login and Registration offer social sign-in once a provider is enabled', () => {
  let arbor: SocialArbor;
  let simulator: ItsmeSimulator;
  let redirectUri: string;

  /** The raw first step of `tree`, and its text without the authId (what the fixture keeps). */
  const firstStep = async (tree: 'Login' | 'Registration'): Promise<{ json: StepJson; withoutAuthId: string }> => {
    const response = await fetch(`${arbor.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=${tree}`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const json = JSON.parse(text) as StepJson;
    assert.equal(typeof json.authId, 'string');
    return { json, withoutAuthId: text.replace(`"authId":"${json.authId}",`, '') };
  };
  const setEnabled = async (enabled: boolean): Promise<void> => {
    const written = await arbor.putProvider('itsmeConfig', 'itsme', itsmeProviderBody(simulator, redirectUri, { enabled }));
    assert.ok(written.status === 200 || written.status === 201, JSON.stringify(written.json));
  };
  /** Local sign-in on Login's first page (with the SelectIdPCallback answered when there is one). */
  const signInLocally = async (password: string) => {
    configureSdk(arbor, 'Login');
    const step = (await FRAuth.next()) as FRStep;
    step.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('erin');
    step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword(password);
    for (const chooser of step.getCallbacksOfType<SelectIdPCallback>(CallbackType.SelectIdPCallback)) chooser.setProvider('localAuthentication');
    return FRAuth.next(step);
  };
  const offered = (step: StepJson): unknown[] => {
    const chooser = step.callbacks.find((callback) => callback.type === 'SelectIdPCallback');
    const providers = chooser?.output.find((output) => output.name === 'providers')?.value;
    assert.ok(Array.isArray(providers), JSON.stringify(step.callbacks.map((callback) => callback.type)));
    return providers.map((entry: { provider?: unknown }) => entry.provider);
  };

  before(async () => {
    arbor = await startSocialArbor();
    await generateItsmeKeys(arbor);
    redirectUri = `${arbor.baseUrl}/login`;
    simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks(), accounts: ACCOUNTS });
    for (const [userName, mail] of [
      ['erin', 'erin@example.com'],
      ['carol', 'carol@example.be'],
    ] as const) {
      const user = await arbor.platform.identity.createUser('alpha_user', { userName, password: 'Secret-Passw0rd', givenName: userName, sn: 'Local', mail });
      await acceptActiveTerms(arbor.platform, 'alpha_user', userName);
      // Far from the third sign-in, when ProgressiveProfile asks for preferences.
      await arbor.platform.identity.updateMeta('alpha_user', user._id, (meta) => ({ ...meta, loginCount: 10 }));
    }
  });
  after(async () => {
    await simulator?.close();
    await arbor?.close();
  });

  it('with no provider enabled, Login and Registration answer today’s first step byte for byte, and local sign-in works', async () => {
    assert.equal((await firstStep('Login')).withoutAuthId, TODAY.Login);
    assert.equal((await firstStep('Registration')).withoutAuthId, TODAY.Registration);
    // A provider that exists but is disabled is no provider.
    await setEnabled(false);
    assert.equal((await firstStep('Login')).withoutAuthId, TODAY.Login);
    sessionOf(await signInLocally('Secret-Passw0rd'));
  });

  it('a provider enabled over REST is offered on Login’s first page beside local sign-in; local sign-in still takes a password', async () => {
    await setEnabled(true);
    const { json } = await firstStep('Login');
    const today = JSON.parse(TODAY.Login) as StepJson;
    assert.deepEqual(json.callbacks.map((callback) => callback.type), ['NameCallback', 'PasswordCallback', 'SelectIdPCallback']);
    assert.deepEqual(json.callbacks.slice(0, 2), today.callbacks, 'the name and password fields are today’s');
    assert.deepEqual([json.header, json.description], [today.header, today.description]);
    assert.deepEqual(offered(json), ['itsme', 'localAuthentication']);
    sessionOf(await signInLocally('Secret-Passw0rd'));
    assert.equal((await signInLocally('wrong-Passw0rd')).type, 'LoginFailure');
  });

  it('choosing the provider on Login signs a user in: created from itsme the first time, the same user the second time', async () => {
    const since = Date.now();
    const first = await runSocialJourney(arbor, 'Login', 'itsme', redirectUri);
    assert.equal(first.outcome.kind, 'redirect');
    sessionOf(await acceptSocialTerms(first.result));
    const [jan, ...others] = await arbor.usersWith('mail', 'jan.peeters@example.be');
    assert.ok(jan !== undefined, 'the user was created');
    assert.deepEqual(others, []);
    assert.deepEqual([jan.attributes.givenName, jan.attributes.sn, jan.attributes.userName], ['Jan', 'Peeters', 'jan.peeters@example.be']);
    assert.deepEqual(jan.attributes.aliasList, ['itsme-itsme-user-1']);
    await assertAcceptedActiveTerms(arbor, jan._id, since);

    sessionOf((await runSocialJourney(arbor, 'Login', 'itsme', redirectUri)).result);
    const again = await arbor.usersWith('mail', 'jan.peeters@example.be');
    assert.deepEqual(again.map((user) => user._id), [jan._id], 'the same user, no duplicate');
    const stored = await arbor.platform.identity.getUser('alpha_user', jan._id);
    assert.equal(stored?.meta.loginCount, 2, 'each sign-in is counted, as a password sign-in is');
    assert.deepEqual(arbor.failures, []);
  });

  it('Registration offers it too: the provider path creates the user once the terms are accepted, and a verified email claims the existing account', async () => {
    const { json } = await firstStep('Registration');
    const today = JSON.parse(TODAY.Registration) as StepJson;
    assert.deepEqual(json.callbacks.slice(0, -1), today.callbacks, 'today’s form, then the chooser');
    assert.deepEqual([json.header, json.description], [today.header, today.description]);
    assert.deepEqual(offered(json), ['itsme', 'localAuthentication']);

    simulator.script({ accountId: 'itsme-user-2' });
    const since = Date.now();
    sessionOf(await acceptSocialTerms((await runSocialJourney(arbor, 'Registration', 'itsme', redirectUri)).result));
    const [lies, ...others] = await arbor.usersWith('mail', 'lies.janssens@example.be');
    assert.ok(lies !== undefined, 'the user was created');
    assert.deepEqual(others, []);
    assert.deepEqual([lies.attributes.givenName, lies.attributes.sn, lies.attributes.aliasList], ['Lies', 'Janssens', ['itsme-itsme-user-2']]);
    await assertAcceptedActiveTerms(arbor, lies._id, since);

    simulator.script({ accountId: 'itsme-user-3' });
    sessionOf((await runSocialJourney(arbor, 'Registration', 'itsme', redirectUri)).result);
    const [carol, ...twins] = await arbor.usersWith('mail', 'carol@example.be');
    assert.deepEqual(twins, [], 'no second account');
    assert.deepEqual([carol?.attributes.userName, carol?.attributes.givenName, carol?.attributes.aliasList], ['carol', 'carol', ['itsme-itsme-user-3']], 'linked, her own attributes kept');
    assert.deepEqual(arbor.failures, []);
  });

  it('disabled again over REST, both journeys are back to today’s first step', async () => {
    await setEnabled(false);
    assert.equal((await firstStep('Login')).withoutAuthId, TODAY.Login);
    assert.equal((await firstStep('Registration')).withoutAuthId, TODAY.Registration);
    sessionOf(await signInLocally('Secret-Passw0rd'));
  });
});
