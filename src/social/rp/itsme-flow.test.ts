import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { visitProvider } from '../testing/browser-at-provider.ts';
import { type GeneratedRpKeys, generateRpKeys } from '../testing/generated-rp-keys.ts';
import { ITSME_ACR_ADVANCED, type ItsmeSimulator, startItsmeSimulator } from '../testing/itsme-simulator.ts';
import { simulatedItsmeConfig, TEST_REDIRECT_URI } from '../testing/simulated-provider-config.ts';
import { beginAuthorization } from './begin-authorization.ts';
import { completeAuthorization } from './complete-authorization.ts';
import { createRelyingParty, type RelyingParty } from './relying-party.ts';
import { ephemeralRequestObjectStore } from './request-object-store.ts';

let keys: GeneratedRpKeys;
let simulator: ItsmeSimulator;
let rp: RelyingParty;

before(async () => {
  keys = await generateRpKeys();
  simulator = await startItsmeSimulator({ redirectUri: TEST_REDIRECT_URI, clientJwks: keys.publicJwks });
  rp = createRelyingParty({ keys, requestObjects: ephemeralRequestObjectStore(openMemoryStore().ephemeral) });
});
after(() => simulator.close());

test('signs a user in with the strict itsme profile: PKCE S256, encrypted client assertion, encrypted ID token, signed-then-encrypted userinfo', async () => {
  const provider = simulatedItsmeConfig(simulator, { acrValues: [ITSME_ACR_ADVANCED] });
  const start = await beginAuthorization(rp, { provider, realm: 'alpha' });
  const sent = new URL(start.url).searchParams;
  assert.equal(sent.get('code_challenge_method'), 'S256');
  assert.equal(sent.get('scope'), `openid service:${simulator.serviceCode} profile email`);
  assert.equal(sent.get('nonce'), start.secrets.nonce);
  assert.match(start.secrets.nonce ?? '', /^[0-9a-z]+$/, 'the native nonce is base 36');
  simulator.script({ accountId: 'itsme-user-1', acr: ITSME_ACR_ADVANCED });

  const outcome = await visitProvider(start.url, TEST_REDIRECT_URI);
  assert.equal(outcome.kind, 'redirect');
  const result = await completeAuthorization(rp, { provider, realm: 'alpha', callback: outcome.parameters, secrets: start.secrets });

  assert.equal(result.idTokenClaims?.sub, 'itsme-user-1');
  assert.equal(result.idTokenClaims?.acr, ITSME_ACR_ADVANCED);
  assert.equal(result.rawProfile.sub, 'itsme-user-1');
  assert.equal(result.rawProfile.given_name, 'Jan');
  assert.equal(result.rawProfile.family_name, 'Peeters');
  assert.equal(result.rawProfile.name, 'Jan Peeters');
  assert.equal(result.rawProfile.email, 'jan.peeters@example.be');
  assert.equal(result.rawProfile.email_verified, false);
  assert.equal(typeof result.accessToken, 'string');
});

test('mints a new client assertion for every token request, so a provider enforcing single-use jti accepts each sign-in', async () => {
  const provider = simulatedItsmeConfig(simulator);
  for (let round = 0; round < 2; round += 1) {
    const start = await beginAuthorization(rp, { provider, realm: 'alpha' });
    const outcome = await visitProvider(start.url, TEST_REDIRECT_URI);
    assert.equal(outcome.kind, 'redirect');
    const result = await completeAuthorization(rp, { provider, realm: 'alpha', callback: outcome.parameters, secrets: start.secrets });
    assert.equal(result.rawProfile.sub, 'itsme-user-1');
  }
});
