/**
 * A native app signing in through a journey, end to end: a real Arbor on loopback, the itsme
 * simulator with a client secret the "app" (this test) holds, the provider created over AM's REST
 * endpoint, and `SocialLogin` imported with its Social Provider Handler set to `clientType:
 * NATIVE`. The app answers the first page with the provider, gets AM's IdPCallback over the REST
 * API, signs the user in at the simulator itself with the callback's client id, redirect URI,
 * scopes and nonce, and posts the token back. The first sign-in (an ID token) creates the user;
 * the second (an access token) signs the same user in, with no duplicate.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { CompactEncrypt, generateKeyPair, importJWK, SignJWT } from 'jose';
import { startItsmeSimulator, type ItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { authorizeAsNativeApp, redeemAsNativeApp } from '../../src/social/testing/native-app.ts';
import { assertAcceptedActiveTerms, createItsmeProvider, generateItsmeKeys, type SocialArbor, startSocialArbor } from './social-harness.ts';

const APP_SECRET = 'native-app-secret';
const AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';

interface WireCallback {
  type: string;
  output: { name: string; value: unknown }[];
  input?: { name: string; value: unknown }[];
}
interface WireStep {
  authId?: string;
  callbacks?: WireCallback[];
  tokenId?: string;
  code?: number;
}

function output(callback: WireCallback | undefined, name: string): unknown {
  return callback?.output.find((entry) => entry.name === name)?.value;
}

/** Sets the input of `callback` whose name ends with `suffix` (`IDToken1token`…). */
function answer(callback: WireCallback | undefined, suffix: string, value: unknown): void {
  const input = callback?.input?.find((entry) => /^IDToken\d+$/.test(entry.name.slice(0, entry.name.length - suffix.length)) && entry.name.endsWith(suffix));
  assert.ok(input !== undefined, `no input ${suffix} in ${JSON.stringify(callback)}`);
  input.value = value;
}

describe('a native app signs in with a token it got from the provider (IdPCallback)', () => {
  let arbor: SocialArbor;
  let simulator: ItsmeSimulator;
  /** The app's redirect URI (a universal link: the provider sends the user back to the app, never to Arbor). */
  const redirectUri = 'https://app.example.be/oauth2redirect';

  before(async () => {
    arbor = await startSocialArbor();
    await generateItsmeKeys(arbor);
    simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks(), clientId: 'arbor-native-app', clientAuth: 'client_secret_basic', clientSecret: APP_SECRET });
    await createItsmeProvider(arbor, 'itsme', simulator, redirectUri, { clientSecret: APP_SECRET, clientAuthenticationMethod: 'CLIENT_SECRET_BASIC' });
    // SocialLogin with its handler for native apps, imported as an administrator would.
    const journey = JSON.parse(await readFile(new URL('../../src/platform/social/journeys/SocialLogin.json', import.meta.url), 'utf8')) as { nodes: Record<string, Record<string, unknown>> };
    const handlers = Object.values(journey.nodes).filter((node) => (node._type as { _id?: string } | undefined)?._id === 'SocialProviderHandlerNode');
    assert.equal(handlers.length, 1);
    for (const handler of handlers) handler.clientType = 'NATIVE';
    const imported = await arbor.cli(['journey', 'import', await arbor.writeTemp('SocialLogin-native.json', JSON.stringify(journey)), '--realm', 'alpha']);
    assert.equal(imported.code, 0, imported.out + imported.err);
  });
  after(async () => {
    await simulator?.close();
    await arbor?.close();
  });

  async function post(step: WireStep | undefined): Promise<WireStep> {
    const response = await fetch(`${arbor.baseUrl}${AUTHENTICATE}?authIndexType=service&authIndexValue=SocialLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'protocol=1.0,resource=2.1' },
      ...(step === undefined ? {} : { body: JSON.stringify(step) }),
    });
    return (await response.json()) as WireStep;
  }

  /** Runs SocialLogin as the app: chooses itsme, signs in at the simulator, sends back the token of `tokenType`. */
  async function signIn(tokenType: 'id_token' | 'access_token'): Promise<WireStep> {
    const first = await post(undefined);
    const chooser = first.callbacks?.find((callback) => callback.type === 'SelectIdPCallback');
    answer(chooser, '', 'itsme');
    const second = await post(first);
    const [idp, ...others] = second.callbacks ?? [];
    assert.deepEqual(others, [], JSON.stringify(second));
    assert.equal(idp?.type, 'IdPCallback');
    assert.deepEqual(idp?.output.map((entry) => entry.name), ['provider', 'clientId', 'redirectUri', 'scopes', 'nonce', 'acrValues', 'request', 'requestUri']);
    assert.deepEqual(idp?.input?.map((entry) => entry.name), ['IDToken1token', 'IDToken1token_type']);
    assert.equal(output(idp, 'provider'), 'itsme');

    const code = await authorizeAsNativeApp({
      authorizationEndpoint: simulator.authorizationEndpoint,
      clientId: String(output(idp, 'clientId')),
      redirectUri: String(output(idp, 'redirectUri')),
      scopes: output(idp, 'scopes') as string[],
      nonce: String(output(idp, 'nonce')),
      idTokenClaims: { given_name: null, family_name: null, email: null, email_verified: null },
    });
    const tokens = await redeemAsNativeApp({ tokenEndpoint: simulator.tokenEndpoint, clientId: simulator.clientId, clientSecret: APP_SECRET, redirectUri, code });
    answer(idp, 'token', tokenType === 'id_token' ? tokens.idToken : tokens.accessToken);
    answer(idp, 'token_type', tokenType);
    return post(second);
  }

  async function sessionUser(tokenId: string | undefined): Promise<unknown> {
    assert.ok(tokenId !== undefined);
    const response = await fetch(`${arbor.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=getSessionInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=4.0' },
      body: JSON.stringify({ tokenId }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { username?: unknown }).username;
  }

  it('creates the user from the ID token on the first sign-in, once the active terms are accepted, and signs the same user in with an access token the second time', async () => {
    const since = Date.now();
    const terms = await signIn('id_token');
    assert.deepEqual(terms.callbacks?.map((callback) => callback.type), ['TermsAndConditionsCallback'], JSON.stringify(terms));
    assert.deepEqual(await arbor.usersWith('mail', 'jan.peeters@example.be'), [], 'no account before the terms are accepted');
    answer(terms.callbacks?.[0], '', true);
    const first = await post(terms);
    assert.equal(typeof first.tokenId, 'string', JSON.stringify(first));
    const [user, ...others] = await arbor.usersWith('mail', 'jan.peeters@example.be');
    assert.ok(user !== undefined, 'the user was created');
    assert.deepEqual(others, []);
    assert.equal(user.attributes.givenName, 'Jan');
    assert.equal(user.attributes.sn, 'Peeters');
    assert.deepEqual(user.attributes.aliasList, ['itsme-itsme-user-1']);
    await assertAcceptedActiveTerms(arbor, user._id, since);
    const username = await sessionUser(first.tokenId);
    assert.equal(username, user.attributes.userName);

    const second = await signIn('access_token');
    assert.equal(typeof second.tokenId, 'string', JSON.stringify(second));
    assert.equal(await sessionUser(second.tokenId), username);
    assert.equal((await arbor.usersWith('mail', 'jan.peeters@example.be')).length, 1, 'no duplicate');
    assert.deepEqual(arbor.failures, []);
  });

  it('a forged ID token (right issuer, audience and nonce, encrypted to the realm’s public key, signed by another key) ends the journey without a session, the reason logged', async () => {
    const users = (await arbor.usersWith('mail', 'jan.peeters@example.be')).length;
    const first = await post(undefined);
    answer(first.callbacks?.find((callback) => callback.type === 'SelectIdPCallback'), '', 'itsme');
    const second = await post(first);
    const idp = second.callbacks?.[0];
    const now = Math.floor(Date.now() / 1000);
    const attacker = await generateKeyPair('RS256');
    const signed = await new SignJWT({ nonce: output(idp, 'nonce'), email: 'someone@example.be' })
      .setProtectedHeader({ alg: 'RS256', kid: 'itsme-sig' })
      .setIssuer(simulator.issuer)
      .setAudience(simulator.clientId)
      .setSubject('itsme-user-2')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(attacker.privateKey);
    const realmKey = (await arbor.rpJwks()).keys.find((key) => key.use === 'enc');
    assert.ok(realmKey?.alg !== undefined);
    const forged = await new CompactEncrypt(new TextEncoder().encode(signed))
      .setProtectedHeader({ alg: realmKey.alg, enc: 'A128CBC-HS256', cty: 'JWT', ...(realmKey.kid === undefined ? {} : { kid: realmKey.kid }) })
      .encrypt(await importJWK(realmKey, realmKey.alg));
    answer(idp, 'token', forged);
    answer(idp, 'token_type', 'id_token');
    const failed = await post(second);
    assert.equal(failed.tokenId, undefined);
    assert.equal(failed.code, 401);
    assert.equal(arbor.failures.at(-1)?.code, 'ID_TOKEN_SIGNATURE_INVALID');
    assert.equal((await arbor.usersWith('mail', 'jan.peeters@example.be')).length, users);
    assert.deepEqual(await arbor.usersWith('mail', 'someone@example.be'), []);
  });
});
