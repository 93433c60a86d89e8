/**
 * The legacy social nodes on the real relying party (the `LEGACY_SOCIAL` gateway of
 * `src/platform/social-legacy/`) against a GitHub-like OAuth 2.0 provider on loopback: the
 * redirect, the return with code and state, NO_ACCOUNT with AM's userInfo, ACCOUNT_EXISTS for a
 * user holding the alias, a tampered state failing without a token request, provisioning, the
 * anonymous user and Create Password.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLegacySocialGatewayAdapter } from '../../../platform/social-legacy/legacy-social-gateway-adapter.ts';
import { rpKeySourceOver } from '../../../platform/rp-key-source-adapter.ts';
import { nodeTestServices, type NodeTestServices, type SeedUser } from '../../../platform/testing/node-test-services.ts';
import { createRealmKeyPairs } from '../../../secrets/realm-key-pairs.ts';
import { createSecretSealer } from '../../../secrets/secret-sealer.ts';
import { visitProvider } from '../../../social/testing/browser-at-provider.ts';
import { type GitHubLikeProvider, startGitHubLikeProvider } from '../../../social/testing/github-like-provider.ts';
import { createRelyingParty } from '../../../social/rp/relying-party.ts';
import { ephemeralRequestObjectStore } from '../../../social/rp/request-object-store.ts';
import { createCapabilityRegistry } from '../../engine/capabilities.ts';
import { runNode, sentCallbacks, submit, TEST_NODE_ID } from '../../engine/node-testing.ts';
import { secretConfigPurpose } from '../../trees/secret-config.ts';
import { anonymousUserNode } from './legacy-anonymous-user-node.ts';
import { createPasswordNode } from './legacy-create-password-node.ts';
import { provisionDynamicAccountNode, provisionIdmAccountNode } from './legacy-provision-nodes.ts';
import { LEGACY_SOCIAL } from './legacy-social-gateway.ts';
import { socialNode } from './legacy-social-auth-node.ts';
import type { SocialSignInFailure } from './social-gateway.ts';

const REDIRECT = 'https://login.example.com/signin';
/** The master key's sealer: the node's clientSecret is stored sealed, as every journey write leaves it. */
const sealer = createSecretSealer(randomBytes(32));

describe('legacy social nodes', () => {
  let provider: GitHubLikeProvider;
  before(async () => {
    provider = await startGitHubLikeProvider();
  });
  after(() => provider.close());

  /** The real node services with the legacy gateway registered over the real relying party. */
  async function services(users: SeedUser[] = []): Promise<{ test: NodeTestServices; services: NodeTestServices['services']; failures: SocialSignInFailure[] }> {
    const test = await nodeTestServices({ users });
    const failures: SocialSignInFailure[] = [];
    const keys = rpKeySourceOver(createRealmKeyPairs({ keys: test.store.keys, masterKey: randomBytes(32), clock: test.clock }));
    const rp = createRelyingParty({ keys, requestObjects: ephemeralRequestObjectStore(test.store.ephemeral) });
    const registry = createCapabilityRegistry();
    registry.register(LEGACY_SOCIAL, createLegacySocialGatewayAdapter({ rp, managedObjects: test.store.managedObjects, sealer, log: (failure) => failures.push(failure) }));
    return { test, services: { ...test.services, capabilities: registry.seal() }, failures };
  }

  const config = () => ({
    clientId: provider.clientId,
    clientSecret: sealer.seal(provider.clientSecret, secretConfigPurpose('alpha', 'SocialNode', TEST_NODE_ID, 'clientSecret')),
    basicAuth: false,
    authorizeEndpoint: `${provider.baseUrl}/login/oauth/authorize`,
    tokenEndpoint: `${provider.baseUrl}/login/oauth/access_token`,
    userInfoEndpoint: `${provider.baseUrl}/user`,
    scopeString: 'read:user',
    scopeDelimiter: ' ',
    redirectURI: REDIRECT,
    provider: 'github',
    authenticationIdKey: 'id',
    cfgAccountMapperClass: 'org.forgerock.openam.authentication.modules.common.mapping.JsonAttributeMapper|*|github-',
    cfgAttributeMappingClasses: ['org.forgerock.openam.authentication.modules.common.mapping.JsonAttributeMapper|iplanet-am-user-alias-list|github-'],
    cfgAccountMapperConfiguration: { id: 'iplanet-am-user-alias-list' },
    cfgAttributeMappingConfiguration: { id: 'iplanet-am-user-alias-list', name: 'cn', login: 'sn' },
  });

  /** Runs the node twice, as the journey does: the redirect, then the step posted again with the provider's answer. */
  async function signIn(run: Awaited<ReturnType<typeof services>>, tamper?: (parameters: Record<string, string>) => void) {
    const first = await runNode(socialNode, { config: config(), services: run.services });
    const [redirect] = sentCallbacks(first.action);
    assert.equal(redirect?.type, 'RedirectCallback');
    const url = String(redirect?.output.find((output) => output.name === 'redirectUrl')?.value);
    assert.deepEqual(redirect?.output.slice(1), [
      { name: 'redirectMethod', value: 'GET' },
      { name: 'trackingCookie', value: true },
      { name: 'redirectData', value: {} },
    ]);
    assert.ok(!JSON.stringify(first.state.shared).includes(new URL(url).searchParams.get('state') ?? '-'), 'the state is kept in transient state only');
    const at = await visitProvider(url, REDIRECT);
    assert.equal(at.kind, 'redirect');
    const parameters = at.kind === 'redirect' ? at.parameters : {};
    tamper?.(parameters);
    return runNode(socialNode, { config: config(), services: run.services, shared: first.state.shared, transient: first.state.transient, callbacks: submit([redirect ?? { type: 'RedirectCallback', output: [], inputs: [] }], []), request: { query: parameters } });
  }

  it('NO_ACCOUNT: AM’s userInfo (prefixed alias, mapped attributes) in shared state, nothing secret', async () => {
    const run = await services();
    const second = await signIn(run);
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'NO_ACCOUNT' });
    assert.deepEqual(second.state.shared.userInfo, {
      attributes: { 'iplanet-am-user-alias-list': ['github-583231'], cn: ['Jan Octo'], sn: ['octo-jan'] },
      userNames: { 'iplanet-am-user-alias-list': ['github-583231'] },
    });
    assert.deepEqual(Object.keys(second.state.transient), [], 'the sign-in secrets are used once');
    assert.deepEqual(run.failures, []);
  });

  it('ACCOUNT_EXISTS: the user whose aliasList holds github-<id> is the journey’s user', async () => {
    const run = await services([{ _id: 'jan', attributes: { userName: 'jan', givenName: 'Jan', sn: 'Octo', mail: 'jan@example.org', aliasList: ['github-583231'] } }]);
    const second = await signIn(run);
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'ACCOUNT_EXISTS' });
    assert.equal(second.state.shared._id, 'jan');
    assert.equal(second.state.shared.username, 'jan');
  });

  it('a tampered state fails the journey, logged, and the code is never redeemed', async () => {
    const run = await services();
    const before = provider.tokenRequests;
    const second = await signIn(run, (parameters) => {
      parameters.state = 'forged';
    });
    assert.equal(second.action.kind, 'fail');
    assert.equal(provider.tokenRequests, before);
    assert.deepEqual(run.failures.map((failure) => failure.code), ['STATE_MISMATCH']);
  });

  it('a clientSecret in clear, or sealed for another node, fails the sign-in, logged, before the code is redeemed', async () => {
    for (const clientSecret of [provider.clientSecret, sealer.seal(provider.clientSecret, secretConfigPurpose('alpha', 'SocialNode', 'another-node', 'clientSecret'))]) {
      const run = await services();
      const before = provider.tokenRequests;
      const first = await runNode(socialNode, { config: { ...config(), clientSecret }, services: run.services });
      const url = String(sentCallbacks(first.action)[0]?.output[0]?.value);
      const at = await visitProvider(url, REDIRECT);
      const query = at.kind === 'redirect' ? at.parameters : {};
      const second = await runNode(socialNode, { config: { ...config(), clientSecret }, services: run.services, transient: first.state.transient, callbacks: [], request: { query } });
      assert.equal(second.action.kind, 'fail');
      assert.equal(provider.tokenRequests, before);
      assert.deepEqual(run.failures.map((failure) => failure.code), ['CLIENT_SECRET_UNREADABLE']);
      assert.ok(!JSON.stringify(run.failures).includes(provider.clientSecret), 'the log never carries the secret');
    }
  });

  it('mix-up mitigation refuses an answer without the client_id and iss', async () => {
    const run = await services();
    const first = await runNode(socialNode, { config: { ...config(), cfgMixUpMitigation: true, issuer: provider.baseUrl }, services: run.services });
    const second = await runNode(socialNode, { config: { ...config(), cfgMixUpMitigation: true, issuer: provider.baseUrl }, services: run.services, transient: first.state.transient, callbacks: [], request: { query: { code: 'c', state: 's' } } });
    assert.equal(second.action.kind, 'fail');
    assert.deepEqual(run.failures.map((failure) => failure.code), ['MIX_UP_MITIGATION']);
  });

  it('Provision IDM Account creates the user from userInfo (aliasList, schema attributes) and identifies it; without userInfo it fails, logged', async () => {
    const run = await services();
    const shared = { userInfo: { attributes: { 'iplanet-am-user-alias-list': ['facebook-77'], mail: ['ann@example.org'], givenName: ['Ann'], sn: ['Lee'], 'sun-fm-saml2-nameid-info': ['x'] }, userNames: { 'iplanet-am-user-alias-list': ['facebook-77'] } } };
    const done = await runNode(provisionIdmAccountNode, { services: run.services, shared });
    assert.deepEqual(done.action, { kind: 'goTo', outcome: 'outcome' });
    const created = await run.test.stored(String(done.state.shared._id));
    assert.equal(created?.data.userName, 'ann@example.org');
    assert.deepEqual(created?.data.aliasList, ['facebook-77']);
    assert.equal(created?.data['sun-fm-saml2-nameid-info'], undefined, 'attributes the managed user does not have are dropped');
    assert.equal(done.state.shared.username, 'ann@example.org');

    const none = await runNode(provisionIdmAccountNode, { services: run.services });
    assert.equal(none.action.kind, 'fail');
    assert.deepEqual(run.failures.map((failure) => failure.code), ['PROVISIONING_FAILED']);
  });

  it('Create Password then Provision Dynamic Account: the user signs in with that password', async () => {
    const run = await services();
    const asked = await runNode(createPasswordNode, { config: { minPasswordLength: 8 }, services: run.services });
    const prompts = sentCallbacks(asked.action);
    assert.deepEqual(prompts.map((callback) => callback.type), ['PasswordCallback', 'PasswordCallback']);
    const short = await runNode(createPasswordNode, { config: { minPasswordLength: 8 }, services: run.services, callbacks: submit(prompts, ['short', 'short']) });
    assert.match(JSON.stringify(sentCallbacks(short.action)[2]), /at least 8 characters/);
    const mismatch = await runNode(createPasswordNode, { config: { minPasswordLength: 8 }, services: run.services, callbacks: submit(prompts, ['Sunny-Day-42', 'Sunny-Day-43']) });
    assert.match(JSON.stringify(sentCallbacks(mismatch.action)[2]), /do not match/);
    const good = await runNode(createPasswordNode, { config: { minPasswordLength: 8 }, services: run.services, callbacks: submit(prompts, ['Sunny-Day-42', 'Sunny-Day-42']) });
    assert.deepEqual(good.action, { kind: 'goTo', outcome: 'outcome' });
    assert.deepEqual(good.state.shared, {}, 'the password stays in transient state');

    const shared = { userInfo: { attributes: { 'iplanet-am-user-alias-list': ['google-9'], mail: ['bo@example.org'], givenName: ['Bo'], sn: ['Ek'] }, userNames: {} } };
    const done = await runNode(provisionDynamicAccountNode, { services: run.services, shared, transient: good.state.transient });
    assert.deepEqual(done.action, { kind: 'goTo', outcome: 'outcome' });
    const check = await run.test.services.credentials.checkPassword('managed/alpha_user', 'bo@example.org', 'Sunny-Day-42', '127.0.0.1');
    assert.equal(check.outcome, 'verified');
  });

  it('Anonymous User Mapping makes the configured guest account the journey’s user; without it the journey fails, logged', async () => {
    const run = await services([{ _id: 'guest-id', attributes: { userName: 'guest', givenName: 'Guest', sn: 'User', mail: 'guest@example.org' } }]);
    const done = await runNode(anonymousUserNode, { config: { anonymousUserName: 'guest' }, services: run.services, shared: { _id: 'someone' } });
    assert.deepEqual(done.action, { kind: 'goTo', outcome: 'outcome' });
    assert.deepEqual(done.state.shared, { _id: 'guest-id', username: 'guest' });

    const missing = await runNode(anonymousUserNode, { config: { anonymousUserName: 'anonymous' }, services: run.services });
    assert.equal(missing.action.kind, 'fail');
    assert.deepEqual(run.failures.map((failure) => failure.code), ['ANONYMOUS_USER_MISSING']);
  });
});
