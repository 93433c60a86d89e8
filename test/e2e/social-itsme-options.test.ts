/**
 * Every client option of the itsme preset as its own passing sign-in through `SocialLogin`, on one
 * Arbor: each case runs its own itsme simulator (switched to that option) and its own provider
 * instance, created over AM's REST endpoint; the realm's keys come from `arbor keys generate`
 * and, for mTLS, `arbor keys import` (a CA-issued and a self-signed client certificate).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType } from '@forgerock/javascript-sdk';
import type { RedirectCallback } from '@forgerock/javascript-sdk';
import { type ItsmeSimulator, type ItsmeSimulatorOptions, startItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { generateTestCertificates, type TestCertificates } from '../../src/social/testing/test-certificates.ts';
import { acceptSocialTerms, assertAcceptedActiveTerms, certificateJwk, createItsmeProvider, generateItsmeKeys, runSocialJourney, type SocialArbor, type SocialRun, sessionOf, startSocialArbor } from './social-harness.ts';

describe('itsme client options through SocialLogin', () => {
  let arbor: SocialArbor;
  let certificates: TestCertificates;
  let redirectUri: string;
  let formPostUri: string;

  before(async () => {
    certificates = await generateTestCertificates();
    arbor = await startSocialArbor({ caPem: certificates.ca.certificatePem });
    await generateItsmeKeys(arbor);
    const { caIssuedClient, selfSignedClient, ca } = certificates;
    for (const [name, certificate, chain] of [
      ['ca', caIssuedClient, `${caIssuedClient.certificatePem}${ca.certificatePem}`],
      ['self', selfSignedClient, selfSignedClient.certificatePem],
    ] as const) {
      const key = await arbor.writeTemp(`${name}-key.pem`, certificate.privateKeyPem);
      const cert = await arbor.writeTemp(`${name}-cert.pem`, chain);
      const imported = await arbor.cli(['keys', 'import', '--realm', 'alpha', '--use', 'tls', '--key', key, '--cert', cert]);
      assert.equal(imported.code, 0, imported.err);
    }
    redirectUri = `${arbor.baseUrl}/login`;
    formPostUri = `${arbor.baseUrl}/am/oauth2/client/form_post/`;
  });
  after(async () => arbor?.close());

  let count = 0;
  /** Signs in through a simulator with `simulatorOptions` and a provider configured with `overrides`. */
  async function signIn(simulatorOptions: Partial<ItsmeSimulatorOptions>, overrides: Record<string, unknown>, options: { formPost?: boolean } = {}): Promise<{ run: SocialRun; simulator: ItsmeSimulator }> {
    count += 1;
    const name = `itsme${count}`;
    const back = options.formPost === true ? `${formPostUri}${name}` : redirectUri;
    const tls = simulatorOptions.tls !== undefined;
    const simulator = await startItsmeSimulator({ redirectUri: back, clientJwks: await arbor.rpJwks(), clientId: `client-${name}`, accounts: { [`user-${name}`]: { name: 'Jan Peeters', given_name: 'Jan', family_name: 'Peeters', email: `${name}@example.be`, email_verified: true } }, ...simulatorOptions });
    try {
      await createItsmeProvider(arbor, name, simulator, back, overrides);
      const since = Date.now();
      const run = await runSocialJourney(arbor, 'SocialLogin', name, back, tls ? { caPem: certificates.ca.certificatePem } : {});
      sessionOf(await acceptSocialTerms(run.result));
      const [user, ...others] = await arbor.usersWith('mail', `${name}@example.be`);
      assert.ok(user !== undefined && others.length === 0);
      assert.deepEqual(user.attributes.aliasList, [`${name}-user-${name}`]);
      await assertAcceptedActiveTerms(arbor, user._id, since);
      return { run, simulator };
    } finally {
      await simulator.close();
    }
  }

  const tlsSimulator = async () => ({
    tls: { server: certificates.server, ca: certificates.ca, clientSubjectDn: certificates.caIssuedClient.subjectDn, selfSignedCertificateJwk: await certificateJwk(certificates.selfSignedClient.certificatePem) },
  });

  it('client secret in a Basic header (CLIENT_SECRET_BASIC)', async () => {
    await signIn({ clientAuth: 'client_secret_basic', clientSecret: 's3cret:with/odd chars' }, { clientAuthenticationMethod: 'CLIENT_SECRET_BASIC', clientSecret: 's3cret:with/odd chars' });
  });

  it('client secret in the body (CLIENT_SECRET_POST)', async () => {
    await signIn({ clientAuth: 'client_secret_post', clientSecret: 'post-secret' }, { clientAuthenticationMethod: 'CLIENT_SECRET_POST', clientSecret: 'post-secret' });
  });

  it('private-key JWT, signed only (PRIVATE_KEY_JWT)', async () => {
    await signIn({ clientAuth: 'private_key_jwt' }, { clientAuthenticationMethod: 'PRIVATE_KEY_JWT' });
  });

  it('mTLS with a CA-issued client certificate (TLS_CLIENT_AUTH)', async () => {
    await signIn({ clientAuth: 'tls_client_auth', ...(await tlsSimulator()) }, { clientAuthenticationMethod: 'TLS_CLIENT_AUTH' });
  });

  it('mTLS with a self-signed client certificate (SELF_SIGNED_TLS_CLIENT_AUTH)', async () => {
    await signIn({ clientAuth: 'self_signed_tls_client_auth', ...(await tlsSimulator()) }, { clientAuthenticationMethod: 'SELF_SIGNED_TLS_CLIENT_AUTH' });
  });

  it('request object by value, signed', async () => {
    const { run } = await signIn({ requestObjects: 'signed' }, { jwtRequestParameterOption: 'VALUE', encryptJwtRequestParameter: false });
    const sent = new URL(String(run.redirectStep.getCallbacksOfType<RedirectCallback>(CallbackType.RedirectCallback)[0]?.getRedirectUrl()));
    assert.equal(sent.searchParams.get('request')?.split('.').length, 3);
  });

  it('request object by value, signed then encrypted', async () => {
    await signIn({ requestObjects: 'signed-then-encrypted' }, { jwtRequestParameterOption: 'VALUE', encryptJwtRequestParameter: true });
  });

  it('request object by reference, signed, fetched once from the realm request_uri', async () => {
    const { simulator } = await signIn({ requestObjects: 'signed' }, { jwtRequestParameterOption: 'REFERENCE', encryptJwtRequestParameter: false });
    assert.equal(simulator.requestUriFetches, 1);
  });

  it('request object by reference, signed then encrypted', async () => {
    const { simulator } = await signIn({ requestObjects: 'signed-then-encrypted' }, { jwtRequestParameterOption: 'REFERENCE', encryptJwtRequestParameter: true });
    assert.equal(simulator.requestUriFetches, 1);
  });

  it('FORM_POST: the provider posts to /am/oauth2/client/form_post/<name>, the journey resumes with form_post_entry, once', async () => {
    const { run } = await signIn({}, { responseMode: 'FORM_POST' }, { formPost: true });
    assert.equal(run.outcome.kind, 'form_post');
    const back = new URL(run.resumedFrom);
    assert.equal(back.pathname, '/login');
    assert.equal(back.searchParams.get('realm'), '/alpha');
    assert.match(back.searchParams.get('form_post_entry') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(back.searchParams.get('code'), null, 'the code never travels in a URL');
  });

  it('userinfo as plain JSON', async () => {
    await signIn({ userinfo: 'json' }, { userInfoResponseType: 'JSON' });
  });

  it('userinfo as a signed JWT', async () => {
    await signIn({ userinfo: 'signed' }, { userInfoResponseType: 'SIGNED_JWT' });
  });
});
