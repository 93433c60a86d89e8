/**
 * Custom scopes for APIs. The rules: what a custom scope may be, the first 64 of a client offered,
 * AM's refusal naming the scopes not registered. End to end, on a real Arbor with openid-client as
 * the application: a client registered with `read:orders` gets it in its access token (the token
 * response, introspection, a refreshed token) after the consent page shows it, the consent is
 * remembered, and the token still reads userinfo; a scope it is not registered for (unknown to the realm, or another client's) is
 * refused with `invalid_scope`, for an authorization and for client credentials; a scope added to a
 * client is granted at once; discovery lists the standard scopes only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { COOKIE, type ConsentTestServer, startConsentTestServer, TestBrowser } from './consent-test-server.ts';
import { defaultScopeOf, invalidScopeDescription, isCustomScope, knownScopes, MAX_KNOWN_CUSTOM_SCOPES, namesNoScope, offeredScopes, STANDARD_SCOPES, unregisteredScopes } from './provider-scopes.ts';

const REDIRECT = 'https://shop.example/cb';
const insecure = { execute: [oidc.allowInsecureRequests] };

describe('custom scopes: the rules', () => {
  it('takes tokens of letters, digits and _.:/- up to 128 characters as custom scopes', () => {
    for (const name of ['read:orders', 'api.example.com/orders.read', 'write_all-2', 'a'.repeat(128)]) assert.equal(isCustomScope(name), true, name);
    for (const name of ['', 'fr:idm:*', 'read orders', 'café', 'a'.repeat(129), 'openid']) assert.equal(isCustomScope(name), false, name);
  });

  it('offers a client its standard scopes and its first 64 custom ones; a realm knows 4096 custom scopes at most', () => {
    const many = Array.from({ length: 70 }, (_, index) => `api:${index}`);
    const offered = offeredScopes(['openid', 'fr:idm:*', 'profile', ...many, 'openid']);
    assert.deepEqual(offered.slice(0, 2), ['openid', 'profile']);
    assert.equal(offered.length, 2 + 64);
    assert.equal(offered.at(-1), 'api:63');
    const realm = knownScopes(Array.from({ length: 80 }, (_, client) => Array.from({ length: 64 }, (_, index) => `c${client}:${index}`)));
    assert.deepEqual(realm.slice(0, STANDARD_SCOPES.length), [...STANDARD_SCOPES]);
    assert.equal(realm.length, STANDARD_SCOPES.length + MAX_KNOWN_CUSTOM_SCOPES);
  });

  it('gives a request that names no scope the client’s default scopes it is offered, or none', () => {
    for (const requested of [undefined, null, '', '   ']) assert.equal(namesNoScope(requested), true, String(requested));
    for (const requested of ['openid', ' read ', ['openid']]) assert.equal(namesNoScope(requested), false, String(requested));
    assert.equal(defaultScopeOf(['openid', 'read:orders', 'read:orders'], 'openid profile read:orders'), 'openid read:orders');
    assert.equal(defaultScopeOf(['fr:idm:*', 'read:orders'], 'openid read:orders'), 'read:orders', 'a default the client is not offered is left out');
    assert.equal(defaultScopeOf(['fr:idm:*'], 'openid'), undefined);
    assert.equal(defaultScopeOf([], 'openid'), undefined);
    assert.equal(defaultScopeOf(undefined, undefined), undefined);
  });

  it('names the scopes a client is not registered with as AM does', () => {
    assert.deepEqual(unregisteredScopes('openid read:orders admin  openid', 'openid read:orders'), ['admin']);
    assert.deepEqual(unregisteredScopes('openid', undefined), ['openid']);
    assert.deepEqual(unregisteredScopes(undefined, 'openid'), []);
    assert.equal(invalidScopeDescription(['admin', 'x:y']), 'Unknown/invalid scope(s): [admin, x:y]');
    assert.equal(invalidScopeDescription(['a', 'b', 'c', 'd', 'e', 'f', `${'z'.repeat(70)}`]), 'Unknown/invalid scope(s): [a, b, c, d, e, …]');
    assert.equal(invalidScopeDescription(['z'.repeat(70)]), `Unknown/invalid scope(s): [${'z'.repeat(64)}…]`);
  });
});

describe('custom scopes end to end', () => {
  let server: ConsentTestServer;
  let shop: oidc.Configuration;
  let reports: oidc.Configuration;

  const registerShop = (scopes: string[]) =>
    server.putClient(
      'shop',
      { userpassword: 'Shop-S3cret-Value', clientName: ['Shop'], redirectionUris: [REDIRECT], scopes },
      { grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_post', isConsentImplied: false },
    );
  const registerReports = (scopes: string[]) =>
    server.putClient('reports', { userpassword: 'Reports-S3cret-Value', redirectionUris: [], scopes }, { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_post' });

  before(async () => {
    server = await startConsentTestServer();
    await registerShop(['openid', 'profile', 'read:orders|en|Read your orders', 'fr:idm:*']);
    await registerReports(['reports.read', 'write:invoices']);
    shop = await oidc.discovery(new URL(server.issuer), 'shop', undefined, oidc.ClientSecretPost('Shop-S3cret-Value'), insecure);
    reports = await oidc.discovery(new URL(server.issuer), 'reports', undefined, oidc.ClientSecretPost('Reports-S3cret-Value'), insecure);
  });
  after(async () => server?.close());

  async function signedIn(userName: string): Promise<{ browser: TestBrowser; id: string }> {
    const id = await server.createUser(userName);
    const browser = new TestBrowser(server.baseUrl);
    browser.cookies.set(COOKIE, await server.signIn(userName));
    return { browser, id };
  }

  function authorization(scope: string): { url: string; state: string } {
    const state = oidc.randomState();
    return { url: oidc.buildAuthorizationUrl(shop, { redirect_uri: REDIRECT, scope, state }).href, state };
  }

  const refused = (error: unknown): boolean => error instanceof oidc.ResponseBodyError && error.error === 'invalid_scope';

  it('grants a registered custom scope into the access token after the consent page names it; userinfo is unchanged', async () => {
    const { browser, id } = await signedIn('oscar');
    const { url, state } = authorization('openid profile read:orders fr:idm:*');
    const page = await browser.follow(url);
    assert.equal(page.location, undefined, 'the consent page');
    const html = await page.response.text();
    assert.ok(html.includes('<li data-scope="read:orders">Read your orders</li>'), 'the custom scope shown with the client’s text');
    assert.ok(!html.includes('fr:idm:*'), 'a registered scope Arbor does not offer is not asked');
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no form');
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no token');
    const allowed = await browser.follow(await browser.post(action, { token, decision: 'allow' }));
    const tokens = await oidc.authorizationCodeGrant(shop, allowed.location ?? assert.fail('no code'), { expectedState: state });
    assert.deepEqual(tokens.scope?.split(' ').sort(), ['openid', 'profile', 'read:orders']);
    const introspection = await oidc.tokenIntrospection(shop, tokens.access_token);
    assert.equal(introspection.active, true);
    assert.deepEqual(introspection.scope?.split(' ').sort(), ['openid', 'profile', 'read:orders']);
    const userinfo = await oidc.fetchUserInfo(shop, tokens.access_token, id);
    assert.deepEqual(Object.keys(userinfo).sort(), ['family_name', 'given_name', 'name', 'preferred_username', 'sub']);
    const refreshed = await oidc.refreshTokenGrant(shop, tokens.refresh_token ?? assert.fail('no refresh token'));
    assert.equal((await oidc.tokenIntrospection(shop, refreshed.access_token)).scope?.split(' ').includes('read:orders'), true, 'kept on refresh');
    const silent = authorization('openid read:orders');
    const remembered = await browser.follow(`${silent.url}&prompt=none`);
    assert.ok(remembered.location?.searchParams.get('code'), 'the consent to read:orders is remembered');
  });

  it('refuses an authorization asking a scope the client is not registered with, unknown or another client’s', async () => {
    const { browser } = await signedIn('olga');
    for (const scope of ['openid read:orders admin:all', 'openid write:invoices', 'openid email']) {
      const answer = await browser.follow(authorization(scope).url);
      assert.equal(answer.location?.origin, 'https://shop.example', scope);
      assert.equal(answer.location?.searchParams.get('error'), 'invalid_scope', scope);
      assert.equal(answer.location?.searchParams.get('code'), null);
    }
    const unknown = await browser.follow(authorization('openid read:orders admin:all').url);
    assert.equal(unknown.location?.searchParams.get('error_description'), 'Unknown/invalid scope(s): [admin:all]');
    const standard = await browser.follow(authorization('openid email').url);
    assert.equal(standard.location?.searchParams.get('error_description'), 'requested scope is not allowed');
  });

  it('gives custom scopes by client credentials, refuses others, and grants a scope added to the client at once', async () => {
    const tokens = await oidc.clientCredentialsGrant(reports, { scope: 'reports.read' });
    assert.equal(tokens.scope, 'reports.read');
    assert.equal((await oidc.tokenIntrospection(reports, tokens.access_token)).scope, 'reports.read');
    await assert.rejects(oidc.clientCredentialsGrant(reports, { scope: 'reports.read read:orders' }), refused);
    await assert.rejects(oidc.clientCredentialsGrant(reports, { scope: 'reports.write' }), refused);
    await registerReports(['reports.read', 'write:invoices', 'reports.write']);
    const added = await oidc.clientCredentialsGrant(reports, { scope: 'reports.read reports.write' });
    assert.deepEqual(added.scope?.split(' ').sort(), ['reports.read', 'reports.write']);
  });

  it('lists the standard scopes in discovery, not the clients’ custom ones', async () => {
    const metadata = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as { scopes_supported: string[] };
    assert.deepEqual([...metadata.scopes_supported].sort(), [...STANDARD_SCOPES].sort());
  });
});
