/**
 * What the OpenID provider refuses is in Arbor's log with its reason: a `private_key_jwt` client
 * whose `jwks_uri` is on loopback, under `ARBOR_OUTBOUND_NETWORKS=public`, gets `invalid_client`
 * (the client learns no more), and the log line of that request (`arbor start` with `ARBOR_LOG`,
 * read from its standard output) names the route, the client and why its keys were not fetched,
 * with the request's id; the assertion itself is never written.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, SignJWT } from 'jose';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import { type ArborChild, startArborChild } from '../helpers/start-arbor-child.ts';

const ADMIN_PASSWORD = 'Admin-Refusal-Log-Passw0rd!';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD, 'accept-api-version': 'resource=1.0', 'content-type': 'application/json' };
const REQUEST_ID = 'refused-client-7';

describe('the OpenID provider’s refusals in the log', () => {
  let arbor: ArborChild;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-refusal-log-'));
    arbor = await startArborChild({ ARBOR_DATA_DIR: dataDir, ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_LOG: 'true', ARBOR_OUTBOUND_NETWORKS: 'public' });
  });
  after(async () => {
    await arbor?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('logs why a client was refused (its jwks_uri is not on a network Arbor may reach), the client told only invalid_client', async () => {
    const client = {
      coreOAuth2ClientConfig: { redirectionUris: [], scopes: ['read'] },
      advancedOAuth2ClientConfig: { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt' },
      signEncOAuth2ClientConfig: { publicKeyLocation: 'jwks_uri', jwksUri: 'http://127.0.0.1:9/jwks', tokenEndpointAuthSigningAlgorithm: 'RS256' },
    };
    const put = await fetch(`${arbor.baseUrl}/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client/intranet-app`, { method: 'PUT', headers: ADMIN, body: JSON.stringify(client) });
    assert.ok(put.status < 300, await put.text());
    // The provider's issuer is its public URL's (localhost by default), not the address reached here.
    const discovery = await fetch(`${arbor.baseUrl}/am/oauth2/realms/root/realms/alpha/.well-known/openid-configuration`);
    const { issuer } = (await discovery.json()) as { issuer: string };
    const { privateKey } = await generateKeyPair('RS256');
    const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'app' }).setIssuer('intranet-app').setSubject('intranet-app').setAudience(issuer).setJti(crypto.randomUUID()).setIssuedAt().setExpirationTime('1m').sign(privateKey);
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'intranet-app', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
    const answer = await fetch(`${arbor.baseUrl}/am/oauth2/realms/root/realms/alpha/access_token`, { method: 'POST', headers: { 'x-request-id': REQUEST_ID }, body });
    assert.equal(answer.status, 401);
    assert.equal(((await answer.json()) as { error: string }).error, 'invalid_client');

    // The child's output comes through a pipe: the line may follow the answer by a moment.
    const refusalLine = (): Record<string, unknown> | undefined =>
      arbor
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.msg === 'the OpenID provider refused a request');
    for (let waited = 0; refusalLine() === undefined && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const refusal = refusalLine();
    assert.ok(refusal !== undefined, `a refusal is logged (${arbor.output().slice(-2000)})`);
    assert.equal(refusal.reqId, REQUEST_ID);
    assert.equal(refusal.route, 'grant');
    assert.equal(refusal.client, 'intranet-app');
    assert.equal(refusal.error, 'invalid_client');
    assert.ok(Array.isArray(refusal.causes), JSON.stringify(refusal));
    assert.match(refusal.causes.join(' | '), /JSON Web Key Set failed to be refreshed.*ARBOR_OUTBOUND_NETWORKS/, JSON.stringify(refusal));
    assert.ok(!arbor.output().includes(assertion), 'the client assertion is never logged');
  });
});
