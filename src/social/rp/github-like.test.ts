import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import type { SocialProviderConfig } from '../provider-config.ts';
import { visitProvider } from '../testing/browser-at-provider.ts';
import { generateRpKeys } from '../testing/generated-rp-keys.ts';
import { GITHUB_TEST_USER, type GitHubLikeProvider, startGitHubLikeProvider } from '../testing/github-like-provider.ts';
import { TEST_REDIRECT_URI } from '../testing/simulated-provider-config.ts';
import { beginAuthorization } from './begin-authorization.ts';
import { completeAuthorization } from './complete-authorization.ts';
import { isSocialRpError } from './errors.ts';
import { createRelyingParty, type RelyingParty } from './relying-party.ts';
import { ephemeralRequestObjectStore } from './request-object-store.ts';

let github: GitHubLikeProvider;
let rp: RelyingParty;

before(async () => {
  github = await startGitHubLikeProvider();
  rp = createRelyingParty({ keys: await generateRpKeys(), requestObjects: ephemeralRequestObjectStore(openMemoryStore().ephemeral) });
});
after(() => github.close());

/** The fields of AM's GitHub preset, pointed at the loopback provider. */
function gitHubConfig(overrides: Partial<SocialProviderConfig> = {}): SocialProviderConfig {
  return {
    name: 'github',
    type: 'gitHubConfig',
    enabled: true,
    clientId: github.clientId,
    clientSecret: github.clientSecret,
    authorizationEndpoint: `${github.baseUrl}/login/oauth/authorize`,
    tokenEndpoint: `${github.baseUrl}/login/oauth/access_token`,
    userInfoEndpoint: `${github.baseUrl}/user`,
    issuerComparisonCheckType: 'EXACT',
    redirectURI: TEST_REDIRECT_URI,
    scopes: ['read:user', 'user:email'],
    scopeDelimiter: ',',
    acrValues: [],
    clientAuthenticationMethod: 'CLIENT_SECRET_POST',
    jwtSigningAlgorithm: 'NONE',
    jwtEncryptionAlgorithm: 'NONE',
    jwtEncryptionMethod: 'NONE',
    privateKeyJwtExpTime: 600,
    pkceMethod: 'NONE',
    jwtRequestParameterOption: 'NONE',
    encryptJwtRequestParameter: false,
    encryptedIdTokens: false,
    userInfoResponseType: 'JSON',
    enableNativeNonce: false,
    responseMode: 'DEFAULT',
    authenticationIdKey: 'id',
    uiConfig: { buttonDisplayName: 'GitHub' },
    passthrough: { emailAddressEndpoint: `${github.baseUrl}/user/emails` },
    ...overrides,
  };
}

test('signs a user in at a GitHub-like provider: comma scopes, no nonce, profile plus the primary verified email', async () => {
  const provider = gitHubConfig();
  const start = await beginAuthorization(rp, { provider, realm: 'alpha' });
  const sent = new URL(start.url).searchParams;
  assert.equal(sent.get('scope'), 'read:user,user:email');
  assert.equal(sent.get('nonce'), null);
  assert.equal(sent.get('code_challenge'), null);
  const outcome = await visitProvider(start.url, TEST_REDIRECT_URI);
  assert.equal(outcome.kind, 'redirect');
  const result = await completeAuthorization(rp, { provider, realm: 'alpha', callback: outcome.parameters, secrets: start.secrets });
  assert.equal(result.rawProfile.id, GITHUB_TEST_USER.id);
  assert.equal(result.rawProfile.login, 'octo-jan');
  assert.equal(result.rawProfile.email, 'jan@example.org');
  assert.equal(result.idTokenClaims, undefined);
});

test('a GitHub error inside a 200 token response is TOKEN_REQUEST_REJECTED, naming the error', async () => {
  const provider = gitHubConfig();
  const start = await beginAuthorization(rp, { provider, realm: 'alpha' });
  const outcome = await visitProvider(start.url, TEST_REDIRECT_URI);
  assert.equal(outcome.kind, 'redirect');
  const callback = { ...outcome.parameters, code: 'not-a-code' };
  await assert.rejects(completeAuthorization(rp, { provider, realm: 'alpha', callback, secrets: start.secrets }), (error: unknown) => {
    assert.ok(isSocialRpError(error, 'TOKEN_REQUEST_REJECTED'));
    assert.match(error.message, /bad_verification_code/);
    assert.doesNotMatch(error.message, new RegExp(github.clientSecret));
    return true;
  });
});
