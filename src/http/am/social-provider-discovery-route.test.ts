/**
 * "Fill from well-known URL" over HTTP on the real platform: an administrator gets the known fields
 * of a loopback provider's discovery document under AM's keys (and nothing else of it); others are
 * refused; a bad body or URL is a 400, and so is an address ARBOR_OUTBOUND_NETWORKS does not
 * allow; an unreachable host, a document that is not JSON, one naming another issuer, a too-large
 * one or a slow one a 502 saying so.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';
import { isHttpError } from '../errors.ts';
import { registerSocialDiscoveryRoute } from './social-provider-discovery-route.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const DISCOVER = '/am/json/realms/root/realms/alpha/realm-config/services/SocialIdentityProviders/discovery?_action=discover';

/** A loopback server answering each path as `routes` says (`hang`: never answers). */
async function startDocuments(routes: (base: string) => Record<string, { type: string; body: string } | 'hang'>): Promise<{ base: string; close(): Promise<void> }> {
  let table: ReturnType<typeof routes> = {};
  const server = http.createServer((request, response) => {
    const answer = table[request.url ?? ''];
    if (answer === 'hang') return;
    if (answer === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  table = routes(base);
  return {
    base,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function document(base: string, issuer = base): string {
  return JSON.stringify({
    issuer,
    authorization_endpoint: `${base}/auth`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/me`,
    jwks_uri: `${base}/jwks`,
    introspection_endpoint: 'javascript:alert(1)',
    scopes_supported: ['openid', 'email', 7, 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt', 'none'],
    code_challenge_methods_supported: ['S256'],
    response_modes_supported: ['query', 'form_post'],
    id_token_signing_alg_values_supported: ['RS256'],
    end_session_endpoint: `${base}/logout`,
    x_private: 'not for the form',
  });
}

describe('POST …/SocialIdentityProviders/discovery?_action=discover', () => {
  let arbor: TestPlatform;
  let provider: Awaited<ReturnType<typeof startDocuments>>;
  let admin: Record<string, string>;
  const call = injectCall(() => arbor.app);
  const discover = (headers: Record<string, string>, wellKnownEndpoint: unknown) => call('POST', DISCOVER, headers, { wellKnownEndpoint });

  before(async () => {
    provider = await startDocuments((base) => ({
      '/.well-known/openid-configuration': { type: 'application/json', body: document(base) },
      '/tenant/.well-known/openid-configuration': { type: 'application/json', body: document(base, `${base}/tenant`) },
      '/html/.well-known/openid-configuration': { type: 'text/html', body: '<html>Sign in</html>' },
      '/other/.well-known/openid-configuration': { type: 'application/json', body: document(base, 'https://impostor.example.com') },
      '/big/.well-known/openid-configuration': { type: 'application/json', body: JSON.stringify({ padding: 'x'.repeat(300 * 1024) }) },
      '/slow/.well-known/openid-configuration': 'hang',
    }));
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD);
  });
  after(async () => {
    await arbor?.close();
    await provider?.close();
  });

  it('answers an administrator the issuer, endpoints, JWKS URI and advertised lists under AM’s keys, and nothing else of the document', async () => {
    const answer = await discover(admin, `${provider.base}/.well-known/openid-configuration`);
    assert.equal(answer.statusCode, 200, answer.body);
    assert.deepEqual(answer.json(), {
      wellKnownEndpoint: `${provider.base}/.well-known/openid-configuration`,
      issuer: provider.base,
      authorizationEndpoint: `${provider.base}/auth`,
      tokenEndpoint: `${provider.base}/token`,
      userInfoEndpoint: `${provider.base}/me`,
      jwksUriEndpoint: `${provider.base}/jwks`,
      supported: {
        scopes: ['openid', 'email', 'profile'],
        clientAuthenticationMethods: ['CLIENT_SECRET_BASIC', 'PRIVATE_KEY_JWT'],
        codeChallengeMethods: ['S256'],
        responseModes: ['query', 'form_post'],
        idTokenSigningAlgorithms: ['RS256'],
      },
    });
    const tenant = await discover(admin, `${provider.base}/tenant/.well-known/openid-configuration`);
    assert.equal(tenant.json<{ issuer: string }>().issuer, `${provider.base}/tenant`, 'an issuer with a path');
  });

  it('refuses callers who do not administer the realm', async () => {
    assert.equal((await discover({}, `${provider.base}/.well-known/openid-configuration`)).statusCode, 401);
    await arbor.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'E', mail: 'erin@example.com' });
    await acceptActiveTerms(arbor, 'alpha_user', 'erin');
    const erin = await injectSignIn(arbor.app, '/realms/alpha', 'erin', 'Secret-Passw0rd');
    const refused = await discover(erin, `${provider.base}/.well-known/openid-configuration`);
    assert.equal(refused.statusCode, 403, refused.body);
  });

  it('answers a bad body or URL with a 400 saying what is wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /wellKnownEndpoint is required/],
      ['', /wellKnownEndpoint is required/],
      ['ftp://example.com/.well-known/openid-configuration', /absolute http\(s\) URL/],
      ['not a url', /absolute http\(s\) URL/],
      ['https://user:pw@example.com/.well-known/openid-configuration', /credentials/],
    ];
    for (const [url, message] of cases) {
      const answer = await discover(admin, url);
      assert.equal(answer.statusCode, 400, `${String(url)}: ${answer.body}`);
      assert.match(answer.json<{ message: string }>().message, message);
    }
    const extra = await call('POST', DISCOVER, admin, { wellKnownEndpoint: `${provider.base}/.well-known/openid-configuration`, clientSecret: 'x' });
    assert.equal(extra.statusCode, 400);
    assert.match(extra.json<{ message: string }>().message, /Unknown field "clientSecret"/);
    const notObject = await call('POST', DISCOVER, admin, ['x']);
    assert.equal(notObject.statusCode, 400);
    const noAction = await call('POST', DISCOVER.replace('?_action=discover', ''), admin, { wellKnownEndpoint: `${provider.base}/.well-known/openid-configuration` });
    assert.equal(noAction.statusCode, 400);
    assert.match(noAction.json<{ message: string }>().message, /_action=discover/);
  });

  it('answers a 400 naming the host and why for an address ARBOR_OUTBOUND_NETWORKS does not allow, sending nothing', async () => {
    const metadata = await discover(admin, 'http://169.254.169.254/.well-known/openid-configuration');
    assert.equal(metadata.statusCode, 400, metadata.body);
    assert.equal(metadata.json<{ message: string }>().message, 'The discovery document is not fetched: 169.254.169.254 is a link-local address, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow');
    const strict = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_OUTBOUND_NETWORKS: 'public' });
    try {
      const strictAdmin = await injectSignIn(strict.app, '', 'amadmin', ADMIN_PASSWORD);
      const local = await injectCall(() => strict.app)('POST', DISCOVER, strictAdmin, { wellKnownEndpoint: `${provider.base.replace('127.0.0.1', 'localhost')}/.well-known/openid-configuration` });
      assert.equal(local.statusCode, 400, local.body);
      assert.match(local.json<{ message: string }>().message, /localhost resolves to a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow$/);
    } finally {
      await strict.close();
    }
  });

  it('answers a 502 saying why when the provider is unreachable, answers HTML, names another issuer or sends too much', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const cases: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/.well-known/openid-configuration`, /could not be fetched \(connection refused\)/],
      [`${provider.base}/html/.well-known/openid-configuration`, /is not JSON/],
      [`${provider.base}/other/.well-known/openid-configuration`, /names the issuer https:\/\/impostor\.example\.com, which does not match/],
      [`${provider.base}/big/.well-known/openid-configuration`, /larger than 262144 bytes/],
      [`${provider.base}/missing/.well-known/openid-configuration`, /HTTP 404/],
    ];
    for (const [url, message] of cases) {
      const answer = await discover(admin, url);
      assert.equal(answer.statusCode, 502, `${url}: ${answer.body}`);
      assert.match(answer.json<{ message: string }>().message, message);
    }
  });

  it('gives up on a provider that does not answer within the time limit', async () => {
    const app = Fastify();
    app.setErrorHandler((error, _request, reply) => (isHttpError(error) ? reply.code(error.status).send(error.body) : reply.code(500).send({ message: 'unexpected' })));
    registerSocialDiscoveryRoute(app, { requireAdministrator: async () => {}, realms: { get: async () => ({}) }, limits: { timeoutMs: 200, maxBytes: 1024 } });
    const answer = await app.inject({ method: 'POST', url: DISCOVER, payload: { wellKnownEndpoint: `${provider.base}/slow/.well-known/openid-configuration` } });
    assert.equal(answer.statusCode, 502, answer.body);
    assert.match(answer.json<{ message: string }>().message, /did not arrive within 200 ms/);
    await app.close();
  });
});
