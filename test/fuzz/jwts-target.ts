/**
 * Fuzz target 7, JWTs where Arbor reads one, on the alpha OpenID provider: `client_assertion`
 * (private_key_jwt: a real one signed with the client's key, then its claims, header and
 * signature mutated), bearer tokens at `userinfo`, tokens at `introspect`, `id_token_hint` at
 * `authorize` and `connect/endSession`, request objects; random JWT-shaped strings everywhere.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { FUZZ_PUBLIC_URL } from './fuzz-arbor.ts';
import { assertSoundAnswer } from './fuzz-checks.ts';
import { caseProperty, type FuzzTarget } from './fuzz-target.ts';
import { hostileValue, mutatedToken, percentEncode, randomJwt, segment } from './hostile-values.ts';

const BASE = '/am/oauth2/realms/root/realms/alpha';
const CLIENTS = '/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client';
const SECRET = 'Fuzz-Client-S3cret-Value';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function form(fields: Record<string, string>): string {
  return Object.entries(fields).map(([name, value]) => `${name}=${percentEncode(value)}`).join('&');
}

/** JWTs at the OpenID provider. */
export const jwtsTarget: FuzzTarget = {
  name: 'JWTs (OpenID provider)',
  async prepare(arbor) {
    const headers = { iplanetdirectorypro: arbor.adminToken, 'content-type': 'application/json', 'accept-api-version': 'resource=1.0' };
    const keys = await generateKeyPair('ES256');
    const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'fuzz', alg: 'ES256', use: 'sig' };
    const clients = {
      'fuzz-jwt': { coreOAuth2ClientConfig: { redirectionUris: ['https://app.example/cb'], scopes: ['openid', 'profile'] }, advancedOAuth2ClientConfig: { grantTypes: ['client_credentials', 'authorization_code'], tokenEndpointAuthMethod: 'private_key_jwt' }, signEncOAuth2ClientConfig: { publicKeyLocation: 'jwks', jwkSet: { keys: [publicJwk] }, tokenEndpointAuthSigningAlgorithm: 'ES256' } },
      'fuzz-post': { coreOAuth2ClientConfig: { userpassword: SECRET, redirectionUris: ['https://app.example/cb'], scopes: ['openid', 'profile'] }, advancedOAuth2ClientConfig: { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_post' } },
    };
    for (const [id, body] of Object.entries(clients)) {
      const put = await arbor.inject({ method: 'PUT', url: `${CLIENTS}/${id}`, headers, payload: JSON.stringify(body) });
      assert.ok(put.statusCode < 300, put.body);
    }
    const audience = [`${FUZZ_PUBLIC_URL}${BASE}`, `${FUZZ_PUBLIC_URL}${BASE}/access_token`];
    const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'fuzz' }).sign(keys.privateKey);
    const realAssertion = async () => sign({ iss: 'fuzz-jwt', sub: 'fuzz-jwt', aud: audience, jti: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) + 60 });
    // The real assertion works: the fuzz starts from what the provider accepts.
    const accepted = await arbor.inject({ method: 'POST', url: `${BASE}/access_token`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ grant_type: 'client_credentials', client_id: 'fuzz-jwt', client_assertion_type: ASSERTION_TYPE, client_assertion: await realAssertion(), scope: 'profile' }) });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const accessToken = accepted.json<{ access_token: string }>().access_token;
    const real = [await realAssertion(), await realAssertion(), accessToken];
    const claims = fc.dictionary(fc.constantFrom('iss', 'sub', 'aud', 'jti', 'exp', 'iat', 'nbf', 'nonce', 'azp', 'sid', 'client_id', 'scope', 'request_uri', 'redirect_uri', '__proto__'), hostileValue, { maxKeys: 6 });
    const token = fc.oneof(
      { weight: 3, arbitrary: mutatedToken(real) },
      { weight: 2, arbitrary: randomJwt },
      { weight: 2, arbitrary: claims.map((extra) => ({ iss: 'fuzz-jwt', sub: 'fuzz-jwt', aud: audience, jti: 'j', exp: 4_000_000_000, ...extra })).chain((payload) => fc.constant(payload)).map((payload) => `${segment({ alg: 'HS256' })}.${segment(payload)}.${segment('x')}`) },
      { weight: 1, arbitrary: claims.map((payload) => `${segment({ alg: 'none' })}.${segment(payload)}.`) },
    );
    const input = fc.record({ place: fc.constantFrom('assertion', 'userinfo', 'userinfo-post', 'introspect', 'authorize-hint', 'authorize-request', 'end-session'), token, signedClaims: fc.option(claims, { nil: undefined, freq: 3 }) });
    return caseProperty(input, async ({ place, token: value, signedClaims }) => {
      // Now and then a validly signed assertion with hostile claims: the signature passes, the claims must not break anything.
      const jwt = signedClaims === undefined ? value : await sign({ iss: 'fuzz-jwt', sub: 'fuzz-jwt', aud: audience, exp: Math.floor(Date.now() / 1000) + 60, ...signedClaims });
      const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
      let method: 'GET' | 'POST' = 'POST';
      let url = `${BASE}/access_token`;
      let request: { headers: Record<string, string>; payload?: string } = { headers: urlencoded };
      if (place === 'assertion') request.payload = form({ grant_type: 'client_credentials', client_id: 'fuzz-jwt', client_assertion_type: ASSERTION_TYPE, client_assertion: jwt });
      else if (place === 'userinfo') [method, url, request] = ['GET', `${BASE}/userinfo`, { headers: { authorization: `Bearer ${jwt.replace(/[\r\n\u0000]/g, '')}` } }];
      else if (place === 'userinfo-post') [url, request] = [`${BASE}/userinfo`, { headers: urlencoded, payload: form({ access_token: jwt }) }];
      else if (place === 'introspect') [url, request] = [`${BASE}/introspect`, { headers: urlencoded, payload: form({ token: jwt, client_id: 'fuzz-post', client_secret: SECRET }) }];
      else if (place === 'authorize-hint') [method, url, request] = ['GET', `${BASE}/authorize?${form({ client_id: 'fuzz-jwt', response_type: 'code', scope: 'openid', redirect_uri: 'https://app.example/cb', prompt: 'none', id_token_hint: jwt })}`, { headers: {} }];
      else if (place === 'authorize-request') [method, url, request] = ['GET', `${BASE}/authorize?${form({ client_id: 'fuzz-jwt', response_type: 'code', scope: 'openid', redirect_uri: 'https://app.example/cb', request: jwt })}`, { headers: {} }];
      else [method, url, request] = ['GET', `${BASE}/connect/endSession?${form({ id_token_hint: jwt, post_logout_redirect_uri: 'https://app.example/bye' })}`, { headers: {} }];
      const response = await arbor.inject({ method, url, headers: request.headers, ...(request.payload === undefined ? {} : { payload: request.payload }) });
      assertSoundAnswer(response, 'oauth', `${method} ${url.slice(0, 300)} (${place}) with ${jwt.slice(0, 300)}`);
    });
  },
};
