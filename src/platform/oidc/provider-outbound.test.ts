/**
 * The OpenID provider's own fetches follow `ARBOR_OUTBOUND_NETWORKS`: a `private_key_jwt` client
 * whose `jwks_uri` is on loopback (an application on the company network) authenticates under the
 * default, and is refused under `public` without the request being sent; a link-local `jwks_uri`
 * (the cloud metadata service) is refused under the default. A refusal is the client's
 * `invalid_client`, never a 500.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { type OidcServer, startOidcServer } from '../../../test/helpers/oidc-harness.ts';

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

/** A client signing its assertions with `keys`, its keys published at `jwksUri`. */
function keyClient(jwksUri: string): Record<string, unknown> {
  return {
    coreOAuth2ClientConfig: { redirectionUris: [], scopes: ['read'] },
    advancedOAuth2ClientConfig: { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt' },
    signEncOAuth2ClientConfig: { publicKeyLocation: 'jwks_uri', jwksUri, tokenEndpointAuthSigningAlgorithm: 'RS256' },
  };
}

/** A client credentials request of `clientId` authenticated by a `private_key_jwt` assertion. */
async function tokenRequest(server: OidcServer, clientId: string, keys: Keys): Promise<{ status: number; json: Record<string, unknown> }> {
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'app' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(server.issuer)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(keys.privateKey);
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  const response = await fetch(`${server.issuer}/access_token`, { method: 'POST', body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the OpenID provider fetches clients’ jwks_uri under ARBOR_OUTBOUND_NETWORKS', () => {
  let keys: Keys;
  let jwksServer: Server;
  let jwksUri = '';
  let jwksRequests = 0;
  let byDefault: OidcServer;
  let publicOnly: OidcServer;

  before(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'app', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_request, response) => {
      jwksRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    jwksUri = `http://127.0.0.1:${port}/jwks`;
    byDefault = await startOidcServer();
    publicOnly = await startOidcServer({ env: { ARBOR_OUTBOUND_NETWORKS: 'public' } });
    for (const server of [byDefault, publicOnly]) await server.putClient('intranet-app', keyClient(jwksUri));
    await byDefault.putClient('metadata-app', keyClient('http://169.254.169.254/latest/jwks'));
  });

  after(async () => {
    await byDefault?.close();
    await publicOnly?.close();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  it('reaches a jwks_uri on loopback under the default (all-but-link-local)', async () => {
    const answer = await tokenRequest(byDefault, 'intranet-app', keys);
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.equal(typeof answer.json.access_token, 'string');
    assert.ok(jwksRequests > 0);
  });

  it('refuses a jwks_uri on loopback under public, without sending the request', async () => {
    const before = jwksRequests;
    const answer = await tokenRequest(publicOnly, 'intranet-app', keys);
    assert.equal(answer.status, 401, JSON.stringify(answer.json));
    assert.equal(answer.json.error, 'invalid_client');
    assert.equal(jwksRequests, before);
  });

  it('refuses a link-local jwks_uri under the default with invalid_client, not a 500', async () => {
    const answer = await tokenRequest(byDefault, 'metadata-app', keys);
    assert.equal(answer.status, 401, JSON.stringify(answer.json));
    assert.equal(answer.json.error, 'invalid_client');
  });
});
