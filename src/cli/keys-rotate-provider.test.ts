/**
 * `arbor keys rotate --provider` against a running Arbor on the same store: the provider then
 * publishes both keys (the new one first, the retired one still there, so that the ID tokens it
 * signed still verify), signs new ID tokens with the new key, and `arbor keys list` shows both as
 * the provider's (`op.sig`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as jose from 'jose';
import * as oidc from 'openid-client';
import { type OidcServer, signIn, startOidcServer } from '../../test/helpers/oidc-harness.ts';

const PASSWORD = 'Secret-Passw0rd-1';
const REDIRECT = 'https://app.example/callback';

describe('arbor keys rotate --provider on a running server', () => {
  let server: OidcServer;
  let app: oidc.Configuration;
  let sso = '';

  before(async () => {
    server = await startOidcServer();
    await server.addUser({ userName: 'rita', password: PASSWORD, givenName: 'Rita', sn: 'Key', mail: 'rita@example.com' });
    await server.putClient('app', {
      coreOAuth2ClientConfig: { clientType: 'Public', redirectionUris: [REDIRECT], scopes: ['openid'] },
      advancedOAuth2ClientConfig: { grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none', isConsentImplied: true },
    });
    app = await oidc.discovery(new URL(server.issuer), 'app', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    sso = await signIn(server.baseUrl, 'rita', PASSWORD);
  });
  after(async () => server?.close());

  /** A new ID token for the signed-in user. */
  async function idToken(): Promise<string> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, prompt: 'none' });
    const answer = await server.browserWith(sso).follow(url.href);
    const tokens = await oidc.authorizationCodeGrant(app, answer.location ?? assert.fail('no code'), { pkceCodeVerifier: verifier, expectedState: state });
    return tokens.id_token ?? assert.fail('no ID token');
  }

  async function publishedKeys(): Promise<jose.JSONWebKeySet> {
    return (await (await fetch(`${server.issuer}/connect/jwk_uri`)).json()) as jose.JSONWebKeySet;
  }

  it('publishes the new and the retired key, and signs new ID tokens with the new one', async () => {
    const before = await idToken();
    const oldKid = jose.decodeProtectedHeader(before).kid;
    assert.deepEqual((await publishedKeys()).keys.map((key) => key.kid), [oldKid]);

    const rotated = await server.cli(['keys', 'rotate', '--realm', 'alpha', '--provider', '--retire-after', '1h']);
    assert.equal(rotated.code, 0, rotated.err);
    const newKid = /new key ([A-Za-z0-9_-]+);/.exec(rotated.out)?.[1] ?? assert.fail(rotated.out);
    assert.notEqual(newKid, oldKid);

    const keys = await publishedKeys();
    assert.deepEqual(keys.keys.map((key) => key.kid), [newKid, oldKid], 'the new key first, the retired one still published');
    for (const key of keys.keys) assert.equal(key.d, undefined, 'no private part');
    const after = await idToken();
    assert.equal(jose.decodeProtectedHeader(after).kid, newKid);
    const published = jose.createLocalJWKSet(keys);
    for (const token of [before, after]) assert.equal((await jose.jwtVerify(token, published, { issuer: server.issuer, audience: 'app' })).payload.aud, 'app');

    const listing = await server.cli(['keys', 'list', '--realm', 'alpha']);
    const provider = listing.out.split('\n').filter((line) => line.endsWith('\top.sig')).map((line) => line.split('\t'));
    assert.deepEqual(provider.map((row) => [row[0], row[3]]), [
      [oldKid, 'retired'],
      [newKid, 'active'],
    ]);
  });
});
