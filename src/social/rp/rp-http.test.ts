/**
 * The relying party's requests reach only the addresses `ARBOR_OUTBOUND_NETWORKS` allows: the
 * metadata service is refused by address before anything is sent, a provider on loopback is
 * refused under `public` during a real sign-in at the itsme simulator (the code is never
 * redeemed), as `PROVIDER_UNREACHABLE` saying why, and a host name resolving to 127.0.0.1 is
 * judged by the address it resolves to.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { visitProvider } from '../testing/browser-at-provider.ts';
import { type GeneratedRpKeys, generateRpKeys } from '../testing/generated-rp-keys.ts';
import { type ItsmeSimulator, startItsmeSimulator } from '../testing/itsme-simulator.ts';
import { simulatedItsmeConfig, TEST_REDIRECT_URI } from '../testing/simulated-provider-config.ts';
import { beginAuthorization } from './begin-authorization.ts';
import { completeAuthorization } from './complete-authorization.ts';
import { isSocialRpError } from './errors.ts';
import { createRelyingParty } from './relying-party.ts';
import { ephemeralRequestObjectStore } from './request-object-store.ts';
import { DEFAULT_RP_HTTP_OPTIONS, sendRpRequest } from './rp-http.ts';

/** Asserts `work` fails with PROVIDER_UNREACHABLE whose message matches `reason`. */
async function unreachable(work: Promise<unknown>, reason: RegExp): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(isSocialRpError(error, 'PROVIDER_UNREACHABLE'), String(error));
    assert.match(error.message, reason);
    return true;
  });
}

describe('relying-party requests and ARBOR_OUTBOUND_NETWORKS', () => {
  let keys: GeneratedRpKeys;
  let simulator: ItsmeSimulator;
  let server: http.Server;
  let port = 0;
  let connections = 0;

  before(async () => {
    keys = await generateRpKeys();
    simulator = await startItsmeSimulator({ redirectUri: TEST_REDIRECT_URI, clientJwks: keys.publicJwks });
    server = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}'));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await simulator?.close();
    server?.closeAllConnections();
    server?.close();
  });

  it('refuses the metadata service by address, under the default, without sending anything', async () => {
    await unreachable(
      sendRpRequest(DEFAULT_RP_HTTP_OPTIONS, { url: 'http://169.254.169.254/latest/meta-data/iam', method: 'GET', headers: {}, what: 'token endpoint' }),
      /^the token endpoint at http:\/\/169\.254\.169\.254 could not be reached: 169\.254\.169\.254 is a link-local address, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow$/,
    );
  });

  it('judges a host name by the address it resolves to: localhost refused under public, reached under the default', async () => {
    const request = { url: `http://localhost:${port}/jwks`, method: 'GET', headers: {}, what: 'JWKS' } as const;
    await unreachable(sendRpRequest({ ...DEFAULT_RP_HTTP_OPTIONS, outboundNetworks: 'public' }, request), /could not be reached: localhost resolves to a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow$/);
    assert.equal(connections, 0, 'nothing reached the server');
    assert.equal((await sendRpRequest(DEFAULT_RP_HTTP_OPTIONS, request)).text, '{"keys":[]}');
  });

  it('a sign-in at a provider on loopback fails under public before the code is redeemed, saying why', async () => {
    const rp = createRelyingParty({ keys, requestObjects: ephemeralRequestObjectStore(openMemoryStore().ephemeral), http: { outboundNetworks: 'public' } });
    const provider = simulatedItsmeConfig(simulator);
    const start = await beginAuthorization(rp, { provider, realm: 'alpha' });
    const outcome = await visitProvider(start.url, TEST_REDIRECT_URI);
    if (outcome.kind !== 'redirect') throw new Error(`the provider did not send the browser back: ${JSON.stringify(outcome)}`);
    await unreachable(completeAuthorization(rp, { provider, realm: 'alpha', callback: outcome.parameters, secrets: start.secrets }), /127\.0\.0\.1 is a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow$/);
    assert.equal(simulator.tokenRequests, 0, 'the code was never redeemed');
  });
});
