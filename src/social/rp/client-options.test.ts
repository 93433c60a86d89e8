import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SocialProviderConfig } from '../provider-config.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { visitProvider } from '../testing/browser-at-provider.ts';
import { generateRpKeys, type GeneratedRpKeys } from '../testing/generated-rp-keys.ts';
import { type ItsmeSimulatorOptions, startItsmeSimulator } from '../testing/itsme-simulator.ts';
import { type RequestObjectServer, startRequestObjectServer } from '../testing/request-object-server.ts';
import { simulatedItsmeConfig, TEST_REDIRECT_URI } from '../testing/simulated-provider-config.ts';
import { generateTestCertificates, type TestCertificates } from '../testing/test-certificates.ts';
import { beginAuthorization } from './begin-authorization.ts';
import { completeAuthorization } from './complete-authorization.ts';
import { createRelyingParty } from './relying-party.ts';
import { ephemeralRequestObjectStore, type RequestObjectStore } from './request-object-store.ts';

let certificates: TestCertificates;
let keys: GeneratedRpKeys;
let requestObjects: RequestObjectStore;
let requestObjectServer: RequestObjectServer;

before(async () => {
  certificates = await generateTestCertificates();
  keys = await generateRpKeys({ ca: certificates.caIssuedClient, selfSigned: certificates.selfSignedClient });
  requestObjects = ephemeralRequestObjectStore(openMemoryStore().ephemeral);
  requestObjectServer = await startRequestObjectServer(requestObjects);
});
after(() => requestObjectServer.close());

/** Runs one sign-in against a simulator set up with `simulatorOptions`, the RP configured with `overrides`. */
async function signIn(simulatorOptions: Partial<ItsmeSimulatorOptions>, overrides: Partial<SocialProviderConfig>, check?: (url: URL) => void) {
  const tls = simulatorOptions.tls;
  const simulator = await startItsmeSimulator({ redirectUri: TEST_REDIRECT_URI, clientJwks: keys.publicJwks, ...simulatorOptions });
  try {
    const rp = createRelyingParty({ keys, requestObjects, http: tls === undefined ? {} : { trustedCaPem: [certificates.ca.certificatePem] } });
    const provider = simulatedItsmeConfig(simulator, overrides);
    const start = await beginAuthorization(rp, { provider, realm: 'alpha', realmOAuth2BaseUrl: requestObjectServer.realmOAuth2BaseUrl });
    check?.(new URL(start.url));
    const outcome = await visitProvider(start.url, TEST_REDIRECT_URI, tls === undefined ? {} : { caPem: certificates.ca.certificatePem });
    assert.notEqual(outcome.kind, 'stopped', outcome.kind === 'stopped' ? outcome.body : '');
    if (outcome.kind === 'stopped') throw new Error('unreachable');
    const result = await completeAuthorization(rp, { provider, realm: 'alpha', callback: outcome.parameters, secrets: start.secrets });
    assert.equal(result.rawProfile.sub, 'itsme-user-1');
    assert.equal(result.rawProfile.family_name, 'Peeters');
    return { outcome, simulator, result };
  } finally {
    await simulator.close();
  }
}

const tlsSimulator = () => ({
  tls: {
    server: certificates.server,
    ca: certificates.ca,
    clientSubjectDn: certificates.caIssuedClient.subjectDn,
    ...(keys.selfSignedCertificateJwk === undefined ? {} : { selfSignedCertificateJwk: keys.selfSignedCertificateJwk }),
  },
});

test('client secret in a Basic header (CLIENT_SECRET_BASIC)', async () => {
  await signIn({ clientAuth: 'client_secret_basic', clientSecret: 's3cret:with/odd chars' }, { clientAuthenticationMethod: 'CLIENT_SECRET_BASIC', clientSecret: 's3cret:with/odd chars' });
});

test('client secret in the body (CLIENT_SECRET_POST)', async () => {
  await signIn({ clientAuth: 'client_secret_post', clientSecret: 'post-secret' }, { clientAuthenticationMethod: 'CLIENT_SECRET_POST', clientSecret: 'post-secret' });
});

test('private-key JWT, signed only (PRIVATE_KEY_JWT)', async () => {
  await signIn({ clientAuth: 'private_key_jwt' }, { clientAuthenticationMethod: 'PRIVATE_KEY_JWT' });
});

test('mTLS with a CA-issued client certificate (TLS_CLIENT_AUTH)', async () => {
  await signIn({ clientAuth: 'tls_client_auth', ...tlsSimulator() }, { clientAuthenticationMethod: 'TLS_CLIENT_AUTH' });
});

test('mTLS with a self-signed client certificate (SELF_SIGNED_TLS_CLIENT_AUTH)', async () => {
  await signIn({ clientAuth: 'self_signed_tls_client_auth', ...tlsSimulator() }, { clientAuthenticationMethod: 'SELF_SIGNED_TLS_CLIENT_AUTH' });
});

test('request object by value, signed', async () => {
  await signIn({ requestObjects: 'signed' }, { jwtRequestParameterOption: 'VALUE', encryptJwtRequestParameter: false }, (url) => {
    assert.equal(url.searchParams.get('request')?.split('.').length, 3);
    assert.equal(url.searchParams.get('nonce'), null, 'the nonce travels inside the request object');
  });
});

test('request object by value, signed then encrypted', async () => {
  await signIn({ requestObjects: 'signed-then-encrypted' }, { jwtRequestParameterOption: 'VALUE', encryptJwtRequestParameter: true }, (url) => {
    assert.equal(url.searchParams.get('request')?.split('.').length, 5);
  });
});

test('request object by reference, signed, fetched once by the provider from the realm request_uri', async () => {
  const { simulator } = await signIn({ requestObjects: 'signed' }, { jwtRequestParameterOption: 'REFERENCE', encryptJwtRequestParameter: false }, (url) => {
    assert.match(url.searchParams.get('request_uri') ?? '', /\/am\/oauth2\/realms\/root\/realms\/alpha\/request_uri\?requestObjectId=[A-Za-z0-9_-]{43}$/);
  });
  assert.equal(simulator.requestUriFetches, 1);
});

test('request object by reference, signed then encrypted', async () => {
  const { simulator } = await signIn({ requestObjects: 'signed-then-encrypted' }, { jwtRequestParameterOption: 'REFERENCE', encryptJwtRequestParameter: true });
  assert.equal(simulator.requestUriFetches, 1);
});

test('form_post response mode: the provider posts code and state back in an auto-submitting form', async () => {
  const { outcome } = await signIn({}, { responseMode: 'FORM_POST' }, (url) => assert.equal(url.searchParams.get('response_mode'), 'form_post'));
  assert.equal(outcome.kind, 'form_post');
});

test('userinfo as plain JSON', async () => {
  await signIn({ userinfo: 'json' }, { userInfoResponseType: 'JSON' });
});

test('userinfo as a signed JWT', async () => {
  await signIn({ userinfo: 'signed' }, { userInfoResponseType: 'SIGNED_JWT' });
});

test('unencrypted ID tokens when the provider does not encrypt them', async () => {
  await signIn({ encryptIdTokens: false, userinfo: 'json' }, { encryptedIdTokens: false, userInfoResponseType: 'JSON' });
});

test('a REGEX issuer check accepts an issuer matching the pattern', async () => {
  await signIn({}, { issuerComparisonCheckType: 'REGEX', issuer: 'http://127\\.0\\.0\\.1:\\d+' });
});
