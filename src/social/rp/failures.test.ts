import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, test } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import type { SocialProviderConfig } from '../provider-config.ts';
import { visitProvider } from '../testing/browser-at-provider.ts';
import { type GeneratedRpKeys, generateRpKeys } from '../testing/generated-rp-keys.ts';
import { type ItsmeSimulatorOptions, type ScriptedUser, startItsmeSimulator } from '../testing/itsme-simulator.ts';
import { simulatedItsmeConfig, TEST_REDIRECT_URI } from '../testing/simulated-provider-config.ts';
import { beginAuthorization } from './begin-authorization.ts';
import { completeAuthorization } from './complete-authorization.ts';
import { isSocialRpError, type SocialRpErrorCode } from './errors.ts';
import { createRelyingParty, type RelyingParty } from './relying-party.ts';
import { ephemeralRequestObjectStore } from './request-object-store.ts';

let keys: GeneratedRpKeys;
let rp: RelyingParty;

before(async () => {
  keys = await generateRpKeys();
  rp = createRelyingParty({ keys, requestObjects: ephemeralRequestObjectStore(openMemoryStore().ephemeral), http: { timeoutMs: 300 } });
});

interface Attempt {
  simulator?: Partial<ItsmeSimulatorOptions>;
  provider?: Partial<SocialProviderConfig>;
  user?: ScriptedUser;
  tamper?: (callback: Record<string, string>) => Record<string, string>;
  closeBeforeCallback?: boolean;
}

/** One sign-in that must fail with `code`; returns the number of token requests the simulator saw. */
async function expectFailure(code: SocialRpErrorCode, attempt: Attempt): Promise<number> {
  const simulator = await startItsmeSimulator({ redirectUri: TEST_REDIRECT_URI, clientJwks: keys.publicJwks, ...attempt.simulator });
  try {
    const provider = simulatedItsmeConfig(simulator, attempt.provider);
    if (attempt.user !== undefined) simulator.script(attempt.user);
    const start = await beginAuthorization(rp, { provider, realm: 'alpha' });
    const outcome = await visitProvider(start.url, TEST_REDIRECT_URI);
    if (outcome.kind === 'stopped') throw new Error(`the provider stopped: ${outcome.body}`);
    const callback = attempt.tamper === undefined ? outcome.parameters : attempt.tamper(outcome.parameters);
    if (attempt.closeBeforeCallback) await simulator.close();
    await assert.rejects(completeAuthorization(rp, { provider, realm: 'alpha', callback, secrets: start.secrets }), (error: unknown) => {
      assert.ok(isSocialRpError(error), String(error));
      assert.equal(error.code, code, error.message);
      return true;
    });
    return simulator.tokenRequests;
  } finally {
    await simulator.close();
  }
}

test('a tampered state ends the sign-in before the code is redeemed', async () => {
  const tokenRequests = await expectFailure('STATE_MISMATCH', { tamper: (callback) => ({ ...callback, state: `${callback.state}x` }) });
  assert.equal(tokenRequests, 0);
});

test('the user denying at the provider is ACCESS_DENIED', async () => {
  const tokenRequests = await expectFailure('ACCESS_DENIED', { user: { deny: true } });
  assert.equal(tokenRequests, 0);
});

test('an ID token from another issuer is refused', async () => {
  // The authorization response's `iss` parameter already names the wrong issuer.
  await expectFailure('ISSUER_MISMATCH', { simulator: { misbehave: { wrongIssuer: true } } });
  // Without that parameter, the ID token's `iss` is checked.
  await expectFailure('ISSUER_MISMATCH', { simulator: { misbehave: { wrongIssuer: true } }, tamper: ({ iss: _iss, ...callback }) => callback });
});

test('a REGEX issuer check refuses an issuer the pattern does not match in full', async () => {
  await expectFailure('ISSUER_MISMATCH', {
    simulator: { misbehave: { wrongIssuer: true } },
    provider: { issuerComparisonCheckType: 'REGEX', issuer: 'http://127\\.0\\.0\\.1:\\d+' },
  });
});

test('an ID token signed with a key the provider does not publish is refused', async () => {
  await expectFailure('UNKNOWN_SIGNING_KEY', { simulator: { misbehave: { unknownSigningKey: true } } });
});

test('an ID token with another nonce is refused', async () => {
  await expectFailure('NONCE_MISMATCH', { simulator: { misbehave: { wrongNonce: true } } });
});

test('an expired ID token is refused', async () => {
  await expectFailure('ID_TOKEN_EXPIRED', { simulator: { misbehave: { expiredIdToken: true } } });
});

test('an acr below the one asked is refused', async () => {
  await expectFailure('ACR_NOT_SATISFIED', {
    provider: { acrValues: ['http://itsme.services/v2/claim/acr_advanced'] },
    user: { accountId: 'itsme-user-1', acr: 'http://itsme.services/v2/claim/acr_basic' },
  });
});

test('userinfo in another format than configured is refused', async () => {
  await expectFailure('USERINFO_WRONG_FORMAT', { simulator: { misbehave: { userinfoAsJson: true } } });
  await expectFailure('USERINFO_WRONG_FORMAT', { simulator: { userinfo: 'signed' } });
});

test('a provider that is down is PROVIDER_UNREACHABLE', async () => {
  await expectFailure('PROVIDER_UNREACHABLE', { closeBeforeCallback: true });
});

test('a provider that does not answer in time is PROVIDER_TIMEOUT', async () => {
  const silent = http.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  await expectFailure('PROVIDER_TIMEOUT', { provider: { tokenEndpoint: `http://127.0.0.1:${port}/token` } }).finally(() => {
    silent.closeAllConnections();
    silent.close();
  });
});

test('a token endpoint refusing the client is TOKEN_REQUEST_REJECTED', async () => {
  await expectFailure('TOKEN_REQUEST_REJECTED', { provider: { clientAuthenticationMethod: 'PRIVATE_KEY_JWT' } });
});
