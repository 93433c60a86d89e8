/**
 * AM's legacy social sample trees (test/fixtures/forgerock/frodo-export-am-classic) on a real Arbor
 * on loopback: each is imported with `arbor journey import` after the test moves its social node's
 * endpoints to a local plain OAuth 2.0 provider (same paths, loopback origin) and adds the client
 * secret AM's exports leave out; the ForgeRock SDK then runs it: the RedirectCallback to the
 * provider, the step posted again with the provider's code and state (`FRAuth.resume`), the account
 * provisioned or found, a session. The client secret is never at rest in clear: the stored journey
 * holds it sealed, the export carries none, and re-importing the export keeps the stored one.
 * Google-DynamicAccountCreation also runs its one-time password nodes: the code goes through the
 * outbox to a real SMTP server (the realm's `external.email`), is typed back, and the account is
 * created; wrong codes take the tree's false path (Retry Limit Decision, then failure).
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CallbackType, Config, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type { FRLoginSuccess, FRStep, PasswordCallback, RedirectCallback } from '@forgerock/javascript-sdk';
import type { JourneyDefinition } from '../../src/journeys/engine/tree-model.ts';
import { createLegacySocialCapability } from '../../src/platform/social-legacy/legacy-social-capability.ts';
import { type PlainOAuth2Provider, startPlainOAuth2Provider } from '../../src/platform/social-legacy/testing/plain-oauth2-provider.ts';
import { socialCapability } from '../../src/platform/social/social-capability.ts';
import { isSealedText } from '../../src/secrets/secret-sealer.ts';
import { startSmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import { visitProvider } from '../../src/social/testing/browser-at-provider.ts';
// The harness gives the SDK the browser pieces its redirect and resume use in Node.
import { ADMIN, type SocialArbor, sessionOf, startSocialArbor } from './social-harness.ts';

const FIXTURES = new URL('../fixtures/forgerock/frodo-export-am-classic/', import.meta.url);
const LEGACY_SOCIAL_TYPES = new Set(['SocialFacebookNode', 'SocialGoogleNode', 'SocialNode']);
const ENDPOINTS = ['authorizeEndpoint', 'tokenEndpoint', 'userInfoEndpoint'] as const;

/** A Facebook Graph `/me` answer (fields name, email, first_name, last_name). */
const FACEBOOK_PROFILE = { id: '10215873541117429', name: 'Ann Lee', email: 'ann.lee@example.org', first_name: 'Ann', last_name: 'Lee' };
/** A Google userinfo answer. */
const GOOGLE_PROFILE = { sub: '109876543210987654321', name: 'Bo Ek', given_name: 'Bo', family_name: 'Ek', email: 'bo.ek@example.org', email_verified: true };

/** Arbor on loopback with the social and legacy social capabilities; failed legacy sign-ins collected instead of logged. */
function startLegacyArbor(): Promise<SocialArbor> {
  return startSocialArbor({ capabilities: (log) => [socialCapability, createLegacySocialCapability({ log })] });
}

/** The fixture's Frodo export of `tree`, parsed. */
async function fixture(tree: string): Promise<{ trees: Record<string, { nodes: Record<string, Record<string, unknown>> }> }> {
  return JSON.parse(await readFile(new URL(`${tree}.journey.json`, FIXTURES), 'utf8'));
}

/** The legacy social node configs of a Frodo export. */
function socialNodes(file: { trees: Record<string, { nodes: Record<string, Record<string, unknown>> }> }): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const tree of Object.values(file.trees)) {
    for (const node of Object.values(tree.nodes)) {
      const type = node._type;
      if (typeof type === 'object' && type !== null && '_id' in type && LEGACY_SOCIAL_TYPES.has(String(type._id))) found.push(node);
    }
  }
  return found;
}

describe('AM legacy social sample trees', () => {
  let arbor: SocialArbor;
  let facebook: PlainOAuth2Provider;
  let google: PlainOAuth2Provider;
  let redirectUri: string;

  before(async () => {
    arbor = await startLegacyArbor();
    redirectUri = `${arbor.baseUrl}/login`;
    facebook = await startPlainOAuth2Provider({ profile: FACEBOOK_PROFILE, paths: { authorize: '/dialog/oauth', token: '/v2.12/oauth/access_token', userInfo: '/v2.6/me' } });
    google = await startPlainOAuth2Provider({ profile: GOOGLE_PROFILE, paths: { authorize: '/o/oauth2/v2/auth', token: '/oauth2/v4/token', userInfo: '/oauth2/v3/userinfo' } });
  });
  after(async () => {
    await facebook?.close();
    await google?.close();
    await arbor?.close();
  });

  /**
   * Imports the fixture `tree` with its social node pointed at `provider`: the endpoints' origin
   * moved to loopback (paths and query kept), this client's id, the redirect URI of the test's
   * app page, and the client secret added (AM's exports leave it out); `change` may change more.
   */
  async function importFixture(tree: string, provider: PlainOAuth2Provider, change?: (file: Awaited<ReturnType<typeof fixture>>) => void): Promise<{ code: number; out: string; err: string }> {
    const file = await fixture(tree);
    change?.(file);
    for (const node of socialNodes(file)) {
      for (const key of ENDPOINTS) {
        const url = new URL(String(node[key]));
        node[key] = `${provider.baseUrl}${url.pathname}${url.search}`;
      }
      node.clientId = provider.clientId;
      node.clientSecret = provider.clientSecret;
      node.redirectURI = redirectUri;
    }
    const written = path.join(arbor.dataDir, `${tree}.journey.json`);
    await writeFile(written, JSON.stringify(file), { mode: 0o600 });
    return arbor.cli(['journey', 'import', '--realm', 'alpha', written]);
  }

  /** Runs `tree` with the SDK: the redirect to the provider, then the same step posted again with its code and state. */
  async function signIn(tree: string): Promise<{ result: Awaited<ReturnType<typeof FRAuth.resume>>; resumedFrom: URL }> {
    Config.set({ serverConfig: { baseUrl: `${arbor.baseUrl}/am/`, timeout: 10_000 }, realmPath: 'alpha', tree });
    const first = await FRAuth.next();
    assert.equal(first.type, StepType.Step, JSON.stringify((first as { payload?: unknown }).payload));
    const step = first as FRStep;
    const redirect = step.getCallbackOfType<RedirectCallback>(CallbackType.RedirectCallback);
    const at = await visitProvider(redirect.getRedirectUrl(), redirectUri);
    assert.equal(at.kind, 'redirect', JSON.stringify(at));
    if (at.kind !== 'redirect') throw new Error('unreachable');
    assert.ok(at.parameters.code !== undefined && at.parameters.state !== undefined);
    FRAuth.redirect(step); // keeps the step for the resume, as in a browser
    return { result: await FRAuth.resume(at.url.href), resumedFrom: at.url };
  }

  async function validate(tokenId: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${arbor.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
      body: JSON.stringify({ tokenId }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, unknown>;
  }

  /** The stored journey's social node configs, as they are at rest. */
  async function storedSocialNodes(tree: string): Promise<Record<string, unknown>[]> {
    const stored: JourneyDefinition | undefined = await arbor.store.journeys.get('alpha', tree);
    assert.ok(stored !== undefined, `${tree} is stored`);
    return Object.values(stored.nodes).filter((node) => LEGACY_SOCIAL_TYPES.has(node._type._id));
  }

  it('Facebook-ProvisionIDMAccount imports; its client secret is stored sealed, never in clear', async () => {
    const imported = await importFixture('Facebook-ProvisionIDMAccount', facebook);
    assert.equal(imported.code, 0, imported.out + imported.err);
    assert.match(imported.out, /^imported Facebook-ProvisionIDMAccount$/m);
    const stored = await arbor.store.journeys.get('alpha', 'Facebook-ProvisionIDMAccount');
    assert.ok(!JSON.stringify(stored).includes(facebook.clientSecret), 'no plaintext secret in the stored journey');
    const [node] = await storedSocialNodes('Facebook-ProvisionIDMAccount');
    assert.ok(isSealedText(String(node?.clientSecret)), 'the secret is a sealed envelope');
  });

  it('Facebook-ProvisionIDMAccount: the first sign-in provisions the account and opens a session; the second finds the same account', async () => {
    const first = await signIn('Facebook-ProvisionIDMAccount');
    const token = sessionOf(first.result);
    const [user, ...others] = await arbor.platform.identity.findByAttribute('alpha_user', 'mail', FACEBOOK_PROFILE.email, 10);
    assert.equal(others.length, 0);
    assert.ok(user !== undefined, 'the account is provisioned');
    assert.deepEqual(
      { userName: user.attributes.userName, givenName: user.attributes.givenName, sn: user.attributes.sn, cn: user.attributes.cn, aliasList: user.attributes.aliasList },
      { userName: FACEBOOK_PROFILE.email, givenName: 'Ann', sn: 'Lee', cn: 'Ann Lee', aliasList: [`facebook-${FACEBOOK_PROFILE.id}`] },
    );
    const session = await validate(token);
    assert.deepEqual([session.valid, session.uid, session.realm], [true, FACEBOOK_PROFILE.email, '/alpha'], 'a session of the provisioned account');
    assert.equal(facebook.refusedClients, 0, 'the provider accepted the client secret (HTTP Basic, as the node says)');
    assert.equal(facebook.lastScope, 'public_profile,email');

    const second = await signIn('Facebook-ProvisionIDMAccount');
    assert.equal((await validate(sessionOf(second.result))).uid, FACEBOOK_PROFILE.email);
    assert.equal((await arbor.platform.identity.findByAttribute('alpha_user', 'mail', FACEBOOK_PROFILE.email, 10)).length, 1, 'no duplicate');
    assert.deepEqual(arbor.failures, []);
  });

  it('the export carries no client secret; importing it again keeps the sealed one and the journey still signs in', async () => {
    const exported = await arbor.cli(['journey', 'export', '--realm', 'alpha', 'Facebook-ProvisionIDMAccount']);
    assert.equal(exported.code, 0, exported.err);
    assert.ok(!exported.out.includes(facebook.clientSecret));
    const [node] = socialNodes(JSON.parse(exported.out));
    assert.ok(node !== undefined);
    assert.equal(Object.hasOwn(node, 'clientSecret'), false, 'no clientSecret, not even sealed');
    assert.equal(node.tokenEndpoint, `${facebook.baseUrl}/v2.12/oauth/access_token`);

    const [before] = await storedSocialNodes('Facebook-ProvisionIDMAccount');
    const file = path.join(arbor.dataDir, 'exported.journey.json');
    await writeFile(file, exported.out, { mode: 0o600 });
    const again = await arbor.cli(['journey', 'import', '--realm', 'alpha', file]);
    assert.equal(again.code, 0, again.out + again.err);
    const [after] = await storedSocialNodes('Facebook-ProvisionIDMAccount');
    assert.equal(after?.clientSecret, before?.clientSecret, 'the stored sealed secret is kept');
    const run = await signIn('Facebook-ProvisionIDMAccount');
    assert.equal((await validate(sessionOf(run.result))).uid, FACEBOOK_PROFILE.email);
  });

  it('Google-AnonymousUser: an unknown Google account signs in as the guest account; a linked one as itself', async () => {
    // AM's default `anonymous` is an IDM internal user, which no managed user may be named after:
    // with the sample's default the journey fails, saying why.
    const imported = await importFixture('Google-AnonymousUser', google);
    assert.equal(imported.code, 0, imported.out + imported.err);
    const [node] = await storedSocialNodes('Google-AnonymousUser');
    assert.ok(isSealedText(String(node?.clientSecret)));
    const refused = await signIn('Google-AnonymousUser');
    assert.equal(refused.result.type, StepType.LoginFailure);
    assert.deepEqual(arbor.failures.splice(0).map((failure) => failure.code), ['ANONYMOUS_USER_MISSING']);

    // The deployment's guest account instead, as the docs say.
    await arbor.platform.identity.createUser('alpha_user', { userName: 'guest', givenName: 'Guest', sn: 'User', mail: 'guest@example.org', password: 'Secret-Passw0rd' });
    const withGuest = await importFixture('Google-AnonymousUser', google, (file) => {
      for (const tree of Object.values(file.trees)) for (const config of Object.values(tree.nodes)) if (Object.hasOwn(config, 'anonymousUserName')) config.anonymousUserName = 'guest';
    });
    assert.equal(withGuest.code, 0, withGuest.out + withGuest.err);
    const anonymous = await signIn('Google-AnonymousUser');
    // The Success URL node's https://www.forgerock.com/ is no allowed destination of the realm (validGotoDestinations): its own success URL applies.
    assert.equal((anonymous.result as FRLoginSuccess).getSuccessUrl(), '/enduser/?realm=/alpha');
    assert.equal((await validate(sessionOf(anonymous.result))).uid, 'guest');
    assert.deepEqual(await arbor.platform.identity.findByAttribute('alpha_user', 'mail', GOOGLE_PROFILE.email, 10), [], 'this tree provisions nobody');

    await arbor.platform.identity.createUser('alpha_user', { userName: 'bo', givenName: 'Bo', sn: 'Ek', mail: GOOGLE_PROFILE.email, password: 'Secret-Passw0rd', aliasList: [`google-${GOOGLE_PROFILE.sub}`] });
    const linked = await signIn('Google-AnonymousUser');
    assert.equal((await validate(sessionOf(linked.result))).uid, 'bo');
    assert.equal(google.lastScope, 'profile email');
    assert.equal(google.refusedClients, 0);
    assert.deepEqual(arbor.failures, []);
  });

  it('Google-DynamicAccountCreation: a new Google account gets a one-time password by mail; the right code creates the account, wrong ones fail', async () => {
    const sink = await startSmtpSink({ credentials: { user: 'mailer', pass: 'Sm7p-Secret' } });
    // A Google account nobody has linked yet (the earlier tests linked GOOGLE_PROFILE).
    const profile = { sub: '104444555566667777888', name: 'Cy Ng', given_name: 'Cy', family_name: 'Ng', email: 'cy.ng@example.org', email_verified: true };
    const newcomer = await startPlainOAuth2Provider({ profile, paths: { authorize: '/o/oauth2/v2/auth', token: '/oauth2/v4/token', userInfo: '/oauth2/v3/userinfo' } });
    try {
      const email = await fetch(`${arbor.baseUrl}/openidm/config/external.email`, {
        method: 'PUT',
        headers: ADMIN,
        body: JSON.stringify({ host: '127.0.0.1', port: sink.port, auth: { enable: true, username: 'mailer', password: 'Sm7p-Secret' }, from: 'accounts@example.be', ssl: { enable: false }, starttls: { enable: false } }),
      });
      assert.equal(email.status, 200, await email.text());
      const imported = await importFixture('Google-DynamicAccountCreation', newcomer);
      assert.equal(imported.code, 0, imported.out + imported.err);
      assert.match(imported.out, /^imported Google-DynamicAccountCreation$/m);

      /** The one-time password step after the provider; the code from the mail the SMTP server received. */
      const otpStep = async (): Promise<{ step: FRStep; code: string }> => {
        const { result } = await signIn('Google-DynamicAccountCreation');
        assert.equal(result.type, StepType.Step, JSON.stringify((result as { payload?: unknown }).payload));
        const step = result as FRStep;
        assert.equal(step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).getPrompt(), 'One Time Password');
        const before = sink.messages.length;
        await arbor.platform.mailer.runOnce();
        assert.equal(sink.messages.length, before + 1, 'one mail delivered');
        const mail = sink.messages.at(-1);
        assert.deepEqual([mail?.subject, mail?.from?.value[0]?.address], ['Your One Time Password', 'admin@example.com']);
        assert.equal((Array.isArray(mail?.to) ? mail.to[0] : mail?.to)?.value[0]?.address, profile.email);
        const code = /'(\d{8})'/.exec(mail?.text ?? '')?.[1];
        assert.ok(code !== undefined, `a code in: ${mail?.text}`);
        return { step, code };
      };
      const answer = async (step: FRStep, code: string) => {
        step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword(code);
        return FRAuth.next(step);
      };
      const wrongCode = (code: string) => String((Number(code) + 1) % 100_000_000).padStart(8, '0');

      // Wrong codes: false → Retry Limit Decision (3 retries) → the collector again, then Reject → failure.
      const refused = await otpStep();
      let step = refused.step;
      for (let retry = 0; retry < 3; retry += 1) {
        const again = await answer(step, wrongCode(refused.code));
        assert.equal(again.type, StepType.Step, 'Retry asks for the code again');
        step = again as FRStep;
        assert.equal(step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).getPrompt(), 'One Time Password');
      }
      assert.equal((await answer(step, wrongCode(refused.code))).type, StepType.LoginFailure);
      assert.deepEqual(await arbor.usersWith('mail', profile.email), [], 'no account');

      // A wrong code, then the right one: Create Password, Provision Dynamic Account, a session.
      const run = await otpStep();
      const retried = await answer(run.step, wrongCode(run.code));
      assert.equal(retried.type, StepType.Step);
      const password = await answer(retried as FRStep, run.code);
      assert.equal(password.type, StepType.Step, JSON.stringify((password as { payload?: unknown }).payload));
      const passwordStep = password as FRStep;
      const prompts = passwordStep.getCallbacksOfType<PasswordCallback>(CallbackType.PasswordCallback);
      assert.deepEqual(prompts.map((callback: PasswordCallback) => callback.getPrompt()), ['New password', 'Confirm password']);
      for (const callback of prompts) callback.setPassword('Tall-Oak-Passw0rd');
      const done = await FRAuth.next(passwordStep);
      assert.equal(done.type, StepType.LoginSuccess, JSON.stringify(arbor.failures));
      assert.equal((await validate(sessionOf(done))).uid, profile.email);
      const [user, ...others] = await arbor.usersWith('mail', profile.email);
      assert.equal(others.length, 0);
      assert.deepEqual(
        { userName: user?.attributes.userName, givenName: user?.attributes.givenName, sn: user?.attributes.sn, aliasList: user?.attributes.aliasList },
        { userName: profile.email, givenName: 'Cy', sn: 'Ng', aliasList: [`google-${profile.sub}`] },
      );

      // The code was never at rest in clear: delivered messages keep no body.
      const stored = await arbor.store.outbox.list({ limit: 100 });
      assert.ok(stored.every((message) => message.status === 'sent' && message.message.body === undefined));

      // The account exists now: the next sign-in goes straight in, without a code.
      const mails = sink.messages.length;
      const second = await signIn('Google-DynamicAccountCreation');
      assert.equal((await validate(sessionOf(second.result))).uid, profile.email);
      await arbor.platform.mailer.runOnce();
      assert.equal(sink.messages.length, mails, 'no code mailed');
      assert.deepEqual(arbor.failures, []);
    } finally {
      await newcomer.close();
      await sink.stop();
    }
  });
});
