import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createCapabilityRegistry } from '../../engine/capabilities.ts';
import type { Callback } from '../../engine/callbacks.ts';
import type { NodeServices } from '../../engine/node-context.ts';
import { inputs, type NodeRun, runNode, sentCallbacks, submit } from '../../engine/node-testing.ts';
import { createFormPostEntries } from '../../../platform/social/form-post-entries.ts';
import { createSocialGatewayAdapter } from '../../../platform/social/social-gateway-adapter.ts';
import { nodeTestServices, type SeedUser } from '../../../platform/testing/node-test-services.ts';
import { createSecretSealer } from '../../../secrets/secret-sealer.ts';
import { createSocialProviderService } from '../../../social/providers/social-provider-service.ts';
import { createRelyingParty } from '../../../social/rp/relying-party.ts';
import { ephemeralRequestObjectStore } from '../../../social/rp/request-object-store.ts';
import { visitProvider } from '../../../social/testing/browser-at-provider.ts';
import { type GeneratedRpKeys, generateRpKeys } from '../../../social/testing/generated-rp-keys.ts';
import { type GitHubLikeProvider, gitHubLikeProviderBody, startGitHubLikeProvider } from '../../../social/testing/github-like-provider.ts';
import { type ItsmeSimulator, startItsmeSimulator } from '../../../social/testing/itsme-simulator.ts';
import { authorizeAsNativeApp, redeemAsNativeApp } from '../../../social/testing/native-app.ts';
import { itsmeProviderBody, TEST_REDIRECT_URI } from '../../../social/testing/simulated-provider-config.ts';
import { SOCIAL, type SocialSignInFailure } from './social-gateway.ts';
import { SOCIAL_AUTH_INTERRUPTED, SOCIAL_SIGN_IN_KEY, socialProviderHandlerNode, socialProviderHandlerNodeV2 } from './social-provider-handler-node.ts';

/** The app's client secret at the OpenID provider the native tests use. */
const APP_SECRET = 'native-app-secret';
/** What the app asks in the ID token, since an ID token is all the node sees of the user. */
const ID_TOKEN_CLAIMS = { given_name: null, family_name: null, email: null, email_verified: null };

let keys: GeneratedRpKeys;
/** itsme's strict profile (encrypted private-key JWT…), for browser sign-ins. */
let strict: ItsmeSimulator;
/** The same provider with a client secret, which the test's "native app" holds. */
let oidc: ItsmeSimulator;
let github: GitHubLikeProvider;

before(async () => {
  keys = await generateRpKeys();
  strict = await startItsmeSimulator({ redirectUri: TEST_REDIRECT_URI, clientJwks: keys.publicJwks });
  oidc = await startItsmeSimulator({ redirectUri: TEST_REDIRECT_URI, clientJwks: keys.publicJwks, clientId: 'arbor-app', clientAuth: 'client_secret_basic', clientSecret: APP_SECRET });
  github = await startGitHubLikeProvider();
});
after(async () => {
  await strict.close();
  await oidc.close();
  await github.close();
});

/**
 * The real node services and social gateway over alpha's providers: `itsme` (browser, strict),
 * `app` (native, client secret), `other` (the same provider under another client id), `nononce`
 * (`enableNativeNonce` off), `byvalue` and `byreference` (request objects) and `github` (plain
 * OAuth 2.0). `clockOffsetMs` moves the relying
 * party's clock.
 */
async function socialServices(options: { users?: SeedUser[]; clockOffsetMs?: number } = {}): Promise<{ services: NodeServices; logged: SocialSignInFailure[] }> {
  const test = await nodeTestServices({ users: options.users ?? [] });
  const sealer = createSecretSealer(randomBytes(32));
  const providers = createSocialProviderService({ configs: test.store.configs, sealer });
  const put = (type: 'itsmeConfig' | 'gitHubConfig', name: string, body: Record<string, unknown>) => providers.put('alpha', type, name, body, { discovery: false });
  await put('itsmeConfig', 'itsme', itsmeProviderBody(strict));
  const secret = { clientAuthenticationMethod: 'CLIENT_SECRET_BASIC', clientSecret: APP_SECRET };
  await put('itsmeConfig', 'app', itsmeProviderBody(oidc, TEST_REDIRECT_URI, secret));
  await put('itsmeConfig', 'other', itsmeProviderBody(oidc, TEST_REDIRECT_URI, { ...secret, clientId: 'another-client' }));
  await put('itsmeConfig', 'nononce', itsmeProviderBody(oidc, TEST_REDIRECT_URI, { ...secret, enableNativeNonce: false }));
  await put('itsmeConfig', 'byvalue', itsmeProviderBody(oidc, TEST_REDIRECT_URI, { ...secret, jwtRequestParameterOption: 'VALUE' }));
  await put('itsmeConfig', 'byreference', itsmeProviderBody(oidc, TEST_REDIRECT_URI, { ...secret, jwtRequestParameterOption: 'REFERENCE' }));
  await put('itsmeConfig', 'jsonuserinfo', itsmeProviderBody(oidc, TEST_REDIRECT_URI, { ...secret, userInfoResponseType: 'JSON', encryptedIdTokens: false }));
  await put('gitHubConfig', 'github', gitHubLikeProviderBody(github, TEST_REDIRECT_URI));
  const logged: SocialSignInFailure[] = [];
  const registry = createCapabilityRegistry();
  const offset = options.clockOffsetMs ?? 0;
  registry.register(
    SOCIAL,
    createSocialGatewayAdapter({
      providers,
      rp: createRelyingParty({ keys, requestObjects: ephemeralRequestObjectStore(test.store.ephemeral), now: () => Date.now() + offset }),
      formPosts: createFormPostEntries(test.store.ephemeral, sealer),
      managedObjects: test.store.managedObjects,
      realmOAuth2BaseUrl: () => 'https://id.example.com/am/oauth2/realms/root/realms/alpha',
      log: (failure) => logged.push(failure),
    }),
  );
  return { services: { ...test.services, capabilities: registry.seal() }, logged };
}

type Handler = typeof socialProviderHandlerNode;

/** The node's first run, with `provider` chosen. */
function begin(services: NodeServices, provider: string, config: Record<string, unknown> = {}, node: Handler = socialProviderHandlerNode): Promise<NodeRun> {
  return runNode(node, { services, config, shared: { selectedIdp: provider } });
}

/** The node's run with the step posted again: `values` for its callbacks, `query` on the URL. */
function resume(services: NodeServices, first: NodeRun, values: unknown[], query: Record<string, string> = {}, node: Handler = socialProviderHandlerNode): Promise<NodeRun> {
  const config = first.config as Record<string, unknown>;
  return runNode(node, { services, config, shared: first.state.shared, transient: first.state.transient, callbacks: submit(sentCallbacks(first.action), values), request: { query } });
}

function output(callback: Callback | undefined, name: string): unknown {
  return callback?.output.find((entry) => entry.name === name)?.value;
}

function objectAttributes(run: NodeRun, store: 'shared' | 'transient'): Record<string, unknown> {
  return (run.state[store].objectAttributes ?? {}) as Record<string, unknown>;
}

/** The provider's answer after the scripted user signed in at the browser step's redirect URL. */
async function atProvider(first: NodeRun): Promise<Record<string, string>> {
  const outcome = await visitProvider(String(output(sentCallbacks(first.action)[0], 'redirectUrl')), TEST_REDIRECT_URI);
  assert.equal(outcome.kind, 'redirect');
  return outcome.kind === 'redirect' ? outcome.parameters : {};
}

describe('SocialProviderHandlerNode, BROWSER', () => {
  it('sends AM’s RedirectCallback to the provider and keeps the sign-in’s secrets in transient state only', async () => {
    const { services } = await socialServices();
    const first = await begin(services, 'itsme');
    const [callback, ...others] = sentCallbacks(first.action);
    assert.deepEqual(others, []);
    assert.equal(callback?.type, 'RedirectCallback');
    assert.deepEqual(callback?.output.map((entry) => entry.name), ['redirectUrl', 'redirectMethod', 'trackingCookie', 'redirectData']);
    const url = new URL(String(output(callback, 'redirectUrl')));
    assert.equal(`${url.origin}${url.pathname}`, strict.authorizationEndpoint);
    assert.equal(output(callback, 'redirectMethod'), 'GET');
    assert.equal(output(callback, 'trackingCookie'), true);
    assert.deepEqual(output(callback, 'redirectData'), {});
    assert.deepEqual(callback?.inputs, []);
    const kept = first.state.transient[SOCIAL_SIGN_IN_KEY] as { kept: Record<string, unknown> };
    assert.equal(kept.kept.state, url.searchParams.get('state'));
    assert.equal(typeof kept.kept.codeVerifier, 'string');
    assert.ok(!JSON.stringify(first.state.shared).includes(String(kept.kept.state)), 'the state is not in shared state');
  });

  it('resumed with the provider’s code and state: NO_ACCOUNT, the mapped attributes in objectAttributes, the alias in transient aliasList, socialEmailVerified', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'itsme');
    const second = await resume(services, first, [], await atProvider(first));
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'NO_ACCOUNT' }, JSON.stringify(logged));
    const shared = objectAttributes(second, 'shared');
    assert.equal(shared.givenName, 'Jan');
    assert.equal(shared.sn, 'Peeters');
    assert.equal(shared.mail, 'jan.peeters@example.be');
    assert.equal(shared.aliasList, undefined, 'the alias is not in shared state');
    assert.deepEqual(objectAttributes(second, 'transient').aliasList, ['itsme-itsme-user-1']);
    assert.equal(second.state.shared.socialEmailVerified, false);
    assert.equal(second.state.transient[SOCIAL_SIGN_IN_KEY], undefined, 'the secrets are gone');
  });

  it('a user linked by alias: ACCOUNT_EXISTS, their username and id in shared state, their other aliases kept', async () => {
    const ann: SeedUser = { _id: 'ann', attributes: { userName: 'ann', mail: 'ann@example.com', aliasList: ['google-1234', 'itsme-itsme-user-1'] } };
    const { services } = await socialServices({ users: [ann] });
    const first = await begin(services, 'itsme');
    const second = await resume(services, first, [], await atProvider(first));
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'ACCOUNT_EXISTS' });
    assert.equal(second.state.shared.username, 'ann');
    assert.equal(second.state.shared._id, 'ann');
    assert.equal(objectAttributes(second, 'shared').userName, 'ann');
    assert.deepEqual(objectAttributes(second, 'transient').aliasList, ['google-1234', 'itsme-itsme-user-1']);
  });

  it('an identity linked to two users signs nobody in and creates nobody: the journey fails (ALIAS_AMBIGUOUS)', async () => {
    const linked = (id: string): SeedUser => ({ _id: id, attributes: { userName: id, mail: `${id}@example.com`, aliasList: ['itsme-itsme-user-1'] } });
    const { services, logged } = await socialServices({ users: [linked('ann'), linked('bob')] });
    const first = await begin(services, 'itsme');
    const second = await resume(services, first, [], await atProvider(first));
    assert.deepEqual(second.action, { kind: 'fail' });
    assert.deepEqual(
      logged.map((failure) => failure.code),
      ['ALIAS_AMBIGUOUS'],
    );
  });

  it('the step posted again without the provider’s answer fails the journey (NO_PROVIDER_ANSWER); V2 leaves through SOCIAL_AUTH_INTERRUPTED', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'itsme');
    const second = await resume(services, first, []);
    assert.deepEqual(second.action, { kind: 'fail' });
    assert.equal(logged[0]?.code, 'NO_PROVIDER_ANSWER');
    assert.equal(second.state.transient[SOCIAL_SIGN_IN_KEY], undefined, 'the secrets are used once, whatever the answer');

    assert.deepEqual(socialProviderHandlerNodeV2.outcomes, ['ACCOUNT_EXISTS', 'NO_ACCOUNT', SOCIAL_AUTH_INTERRUPTED]);
    const firstV2 = await begin(services, 'itsme', {}, socialProviderHandlerNodeV2);
    const interrupted = await resume(services, firstV2, [], {}, socialProviderHandlerNodeV2);
    assert.deepEqual(interrupted.action, { kind: 'goTo', outcome: SOCIAL_AUTH_INTERRUPTED });
    assert.equal(logged[1]?.code, 'NO_PROVIDER_ANSWER');
  });

  it('the user refusing at the provider fails the journey (ACCESS_DENIED); V2 leaves through SOCIAL_AUTH_INTERRUPTED', async () => {
    const { services, logged } = await socialServices();
    for (const [node, expected] of [
      [socialProviderHandlerNode, { kind: 'fail' }],
      [socialProviderHandlerNodeV2, { kind: 'goTo', outcome: SOCIAL_AUTH_INTERRUPTED }],
    ] as const) {
      strict.script({ deny: true });
      const first = await begin(services, 'itsme', {}, node);
      const answer = await atProvider(first);
      assert.equal(answer.error, 'access_denied');
      assert.deepEqual((await resume(services, first, [], answer, node)).action, expected);
    }
    assert.deepEqual(logged.map((failure) => failure.code), ['ACCESS_DENIED', 'ACCESS_DENIED']);
  });

  it('a sign-in begun with another provider fails with STATE_MISMATCH, and the code is never redeemed', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'itsme');
    const answer = await atProvider(first);
    const tokenRequests = strict.tokenRequests;
    first.state.shared.selectedIdp = 'app';
    assert.deepEqual((await resume(services, first, [], answer)).action, { kind: 'fail' });
    assert.equal(logged[0]?.code, 'STATE_MISMATCH');
    assert.equal(strict.tokenRequests, tokenRequests);
  });

  it('uses the secrets once: the same code and state posted after a sign-in do not sign in again but start a new sign-in', async () => {
    const { services } = await socialServices();
    const first = await begin(services, 'itsme');
    const answer = await atProvider(first);
    const second = await resume(services, first, [], answer);
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'NO_ACCOUNT' });
    const tokenRequests = strict.tokenRequests;
    const replay = await runNode(socialProviderHandlerNode, { services, shared: second.state.shared, transient: second.state.transient, callbacks: [], request: { query: answer } });
    const redirect = new URL(String(output(sentCallbacks(replay.action)[0], 'redirectUrl')));
    assert.notEqual(redirect.searchParams.get('state'), answer.state);
    assert.equal(strict.tokenRequests, tokenRequests, 'the code was not redeemed again');
  });
});

describe('SocialProviderHandlerNode, NATIVE', () => {
  const NATIVE = { clientType: 'NATIVE' };

  /** The app's part: sign in at the OpenID provider with the callback's parameters; its tokens. */
  async function appSignsIn(callback: Callback | undefined, overrides: { nonce?: string } = {}) {
    const code = await authorizeAsNativeApp({
      authorizationEndpoint: oidc.authorizationEndpoint,
      clientId: oidc.clientId,
      redirectUri: String(output(callback, 'redirectUri')),
      scopes: output(callback, 'scopes') as string[],
      nonce: overrides.nonce ?? String(output(callback, 'nonce')),
      idTokenClaims: ID_TOKEN_CLAIMS,
    });
    return redeemAsNativeApp({ tokenEndpoint: oidc.tokenEndpoint, clientId: oidc.clientId, clientSecret: APP_SECRET, redirectUri: String(output(callback, 'redirectUri')), code });
  }

  it('sends AM’s IdPCallback: provider, clientId, redirectUri, scopes, nonce, acrValues, request, requestUri; token and token_type in', async () => {
    const { services } = await socialServices();
    const first = await begin(services, 'app', NATIVE);
    const [callback, ...others] = sentCallbacks(first.action);
    assert.deepEqual(others, []);
    assert.equal(callback?.type, 'IdPCallback');
    assert.deepEqual(callback?.output.map((entry) => entry.name), ['provider', 'clientId', 'redirectUri', 'scopes', 'nonce', 'acrValues', 'request', 'requestUri']);
    assert.equal(output(callback, 'provider'), 'app');
    assert.equal(output(callback, 'clientId'), oidc.clientId);
    assert.equal(output(callback, 'redirectUri'), TEST_REDIRECT_URI);
    assert.deepEqual(output(callback, 'scopes'), ['openid', `service:${oidc.serviceCode}`, 'profile', 'email']);
    assert.match(String(output(callback, 'nonce')), /^[0-9a-z]{20,}$/, 'AM’s native nonce: 160 bits in base 36');
    assert.deepEqual(output(callback, 'acrValues'), []);
    assert.equal(output(callback, 'request'), '');
    assert.equal(output(callback, 'requestUri'), '');
    assert.deepEqual(callback?.inputs.map((input) => input.suffix), ['token', 'token_type']);
  });

  it('carries the request object by value (signed then encrypted, as itsme asks) or by reference, as configured', async () => {
    const { services } = await socialServices();
    const byValue = sentCallbacks((await begin(services, 'byvalue', NATIVE)).action)[0];
    assert.equal(String(output(byValue, 'request')).split('.').length, 5);
    assert.equal(output(byValue, 'requestUri'), '');
    const byReference = sentCallbacks((await begin(services, 'byreference', NATIVE)).action)[0];
    assert.equal(output(byReference, 'request'), '');
    assert.match(String(output(byReference, 'requestUri')), /^https:\/\/id\.example\.com\/am\/oauth2\/realms\/root\/realms\/alpha\/request_uri\?requestObjectId=/);
  });

  it('an ID token the app got with the callback’s nonce: validated, NO_ACCOUNT with its claims mapped, the alias and socialEmailVerified written', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'app', NATIVE);
    const tokens = await appSignsIn(sentCallbacks(first.action)[0]);
    assert.equal(tokens.idToken?.split('.').length, 5, 'the provider encrypted the ID token to the realm');
    const second = await resume(services, first, [inputs({ token: tokens.idToken, token_type: 'id_token' })]);
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'NO_ACCOUNT' }, JSON.stringify(logged));
    assert.equal(objectAttributes(second, 'shared').givenName, 'Jan');
    assert.equal(objectAttributes(second, 'shared').mail, 'jan.peeters@example.be');
    assert.deepEqual(objectAttributes(second, 'transient').aliasList, ['app-itsme-user-1']);
    assert.equal(second.state.shared.socialEmailVerified, false);
    assert.equal(second.state.transient[SOCIAL_SIGN_IN_KEY], undefined);
  });

  it('an access token is taken to the provider’s userinfo endpoint: ACCOUNT_EXISTS for the linked user', async () => {
    const jan: SeedUser = { _id: 'jan', attributes: { userName: 'jan', mail: 'jan.peeters@example.be', aliasList: ['app-itsme-user-1'] } };
    const { services, logged } = await socialServices({ users: [jan] });
    const first = await begin(services, 'app', NATIVE);
    const tokens = await appSignsIn(sentCallbacks(first.action)[0]);
    const second = await resume(services, first, [inputs({ token: tokens.accessToken, token_type: 'access_token' })]);
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'ACCOUNT_EXISTS' }, JSON.stringify(logged));
    assert.equal(second.state.shared.username, 'jan');
    assert.equal(objectAttributes(second, 'shared').sn, 'Peeters', 'the names come from userinfo');
  });

  it('refuses an access token whose audience the provider’s answer cannot prove (plain JSON userinfo, an OAuth 2.0 profile API), without calling the provider', async () => {
    const { services, logged } = await socialServices();
    for (const provider of ['jsonuserinfo', 'github']) {
      const first = await begin(services, provider, NATIVE);
      const second = await resume(services, first, [inputs({ token: 'an-access-token-for-some-client', token_type: 'access_token' })]);
      assert.deepEqual(second.action, { kind: 'fail' });
    }
    assert.deepEqual(
      logged.map((failure) => failure.code),
      ['ACCESS_TOKEN_NOT_BOUND', 'ACCESS_TOKEN_NOT_BOUND'],
    );
  });

  it('an authorization code is redeemed with the provider’s client authentication and the callback’s redirect URI (plain OAuth 2.0)', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'github', NATIVE);
    const callback = sentCallbacks(first.action)[0];
    assert.equal(output(callback, 'nonce'), '', 'a plain OAuth 2.0 provider has no nonce');
    const code = await authorizeAsNativeApp({
      authorizationEndpoint: `${github.baseUrl}/login/oauth/authorize`,
      clientId: String(output(callback, 'clientId')),
      redirectUri: String(output(callback, 'redirectUri')),
      scopes: output(callback, 'scopes') as string[],
      pkce: false,
    });
    const tokenRequests = github.tokenRequests;
    const second = await resume(services, first, [inputs({ token: code.code, token_type: 'authorization_code' })]);
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'NO_ACCOUNT' }, JSON.stringify(logged));
    assert.equal(github.tokenRequests, tokenRequests + 1);
    assert.equal(objectAttributes(second, 'shared').mail, 'jan@example.org');
    assert.deepEqual(objectAttributes(second, 'transient').aliasList, ['github-583231']);
  });

  it('refuses an ID token issued to another client', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'other', NATIVE);
    const tokens = await appSignsIn(sentCallbacks(first.action)[0]);
    assert.deepEqual((await resume(services, first, [inputs({ token: tokens.idToken, token_type: 'id_token' })])).action, { kind: 'fail' });
    assert.equal(logged[0]?.code, 'ID_TOKEN_INVALID');
    assert.match(logged[0]?.reason ?? '', /not for client another-client/);
  });

  it('refuses an ID token carrying another nonce than the callback’s', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'app', NATIVE);
    const tokens = await appSignsIn(sentCallbacks(first.action)[0], { nonce: 'a-nonce-of-the-apps-own' });
    assert.deepEqual((await resume(services, first, [inputs({ token: tokens.idToken, token_type: 'id_token' })])).action, { kind: 'fail' });
    assert.equal(logged[0]?.code, 'NONCE_MISMATCH');
  });

  it('refuses an expired ID token', async () => {
    const { services, logged } = await socialServices({ clockOffsetMs: 2 * 60 * 60 * 1000 });
    const first = await begin(services, 'app', NATIVE);
    const tokens = await appSignsIn(sentCallbacks(first.action)[0]);
    assert.deepEqual((await resume(services, first, [inputs({ token: tokens.idToken, token_type: 'id_token' })])).action, { kind: 'fail' });
    assert.equal(logged[0]?.code, 'ID_TOKEN_EXPIRED');
  });

  it('with enableNativeNonce off the callback’s nonce is empty and the ID token’s is not checked', async () => {
    const { services, logged } = await socialServices();
    const first = await begin(services, 'nononce', NATIVE);
    const callback = sentCallbacks(first.action)[0];
    assert.equal(output(callback, 'nonce'), '');
    const tokens = await appSignsIn(callback, { nonce: 'whatever-the-app-chose' });
    assert.deepEqual((await resume(services, first, [inputs({ token: tokens.idToken, token_type: 'id_token' })])).action, { kind: 'goTo', outcome: 'NO_ACCOUNT' }, JSON.stringify(logged));
  });

  it('no token, an unknown token_type, or an ID token for a plain OAuth 2.0 provider fail the journey, each logged', async () => {
    const { services, logged } = await socialServices();
    const cases = [
      ['app', { token: '', token_type: 'id_token' }],
      ['app', { token: 'abc', token_type: 'saml_assertion' }],
      ['github', { token: 'a.b.c', token_type: 'id_token' }],
    ] as const;
    for (const [provider, answer] of cases) {
      const first = await begin(services, provider, NATIVE);
      const second = await resume(services, first, [inputs(answer)]);
      assert.deepEqual(second.action, { kind: 'fail' });
      assert.equal(second.state.transient[SOCIAL_SIGN_IN_KEY], undefined, 'the nonce is used once');
    }
    assert.deepEqual(logged.map((failure) => failure.code), ['NO_TOKEN', 'TOKEN_TYPE_UNSUPPORTED', 'TOKEN_TYPE_UNSUPPORTED']);
  });
});
