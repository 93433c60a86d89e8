/**
 * AM's scope entries with display texts and AM's default scopes, on a real Arbor with
 * openid-client as the application. The clients REST API takes `name|locale|description`
 * entries; the consent page shows a scope's text in the page's language (English, French),
 * escaped, with Arbor's own texts for the standard scopes the client gives none for; the tokens,
 * introspection and `invalid_scope` know the names only. A client credentials request and an
 * authorization and a device authorization that name no scope get the client's default scopes; a
 * client without default scopes still gets a token without scope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { COOKIE, type ConsentTestServer, startConsentTestServer, TestBrowser } from './consent-test-server.ts';

const REDIRECT = 'https://shop.example/cb';
const insecure = { execute: [oidc.allowInsecureRequests] };

describe('scope texts and default scopes', () => {
  let server: ConsentTestServer;
  let shop: oidc.Configuration;
  let reports: oidc.Configuration;
  let plain: oidc.Configuration;
  let users = 0;

  before(async () => {
    server = await startConsentTestServer();
    await server.putClient(
      'shop',
      {
        userpassword: 'Shop-S3cret-Value',
        clientName: ['Shop'],
        redirectionUris: [REDIRECT],
        scopes: ['openid', 'profile|fr|Votre profil public', 'email', 'read:orders|en|Read your orders', 'read:orders|fr|Lire vos commandes', 'write:orders|Change your <b>orders</b> & returns'],
        defaultScopes: ['openid', 'read:orders|en|Read your orders'],
      },
      { grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'client_secret_post', isConsentImplied: false },
    );
    await server.putClient('reports', { userpassword: 'Reports-S3cret-Value', redirectionUris: [], scopes: ['reports.read|en|Read the reports', 'reports.write'], defaultScopes: ['reports.read'] }, { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_post' });
    await server.putClient('plain', { userpassword: 'Plain-S3cret-Value', redirectionUris: [], scopes: ['reports.read'] }, { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_post' });
    shop = await oidc.discovery(new URL(server.issuer), 'shop', undefined, oidc.ClientSecretPost('Shop-S3cret-Value'), insecure);
    reports = await oidc.discovery(new URL(server.issuer), 'reports', undefined, oidc.ClientSecretPost('Reports-S3cret-Value'), insecure);
    await server.putClient('tv', { clientType: 'Public', clientName: ['TV'], redirectionUris: [], scopes: ['openid', 'profile', 'read:shows'], defaultScopes: ['openid', 'read:shows'] }, { grantTypes: ['urn:ietf:params:oauth:grant-type:device_code'], tokenEndpointAuthMethod: 'none', isConsentImplied: true });
    plain = await oidc.discovery(new URL(server.issuer), 'plain', undefined, oidc.ClientSecretPost('Plain-S3cret-Value'), insecure);
  });
  after(async () => server?.close());

  async function signedIn(language: string): Promise<TestBrowser> {
    users += 1;
    await server.createUser(`nora${users}`);
    const browser = new TestBrowser(server.baseUrl, language);
    browser.cookies.set(COOKIE, await server.signIn(`nora${users}`));
    return browser;
  }

  function authorization(scope: string | undefined): { url: string; state: string } {
    const state = oidc.randomState();
    return { url: oidc.buildAuthorizationUrl(shop, { redirect_uri: REDIRECT, state, ...(scope === undefined ? {} : { scope }) }).href, state };
  }

  /** The consent page of an authorization; its HTML, and how to allow it. */
  async function consentPage(browser: TestBrowser, scope: string | undefined): Promise<{ html: string; allow: () => Promise<oidc.TokenEndpointResponse> }> {
    const { url, state } = authorization(scope);
    const page = await browser.follow(url);
    assert.equal(page.location, undefined, 'the consent page');
    const html = await page.response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no form');
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no token');
    const allow = async () => {
      const allowed = await browser.follow(await browser.post(action, { token, decision: 'allow' }));
      return oidc.authorizationCodeGrant(shop, allowed.location ?? assert.fail('no code'), { expectedState: state });
    };
    return { html, allow };
  }

  const scopeItems = (html: string): string[] => [...html.matchAll(/<li data-scope="([^"]*)">([^<]*)<\/li>/g)].map((match) => `${match[1]}: ${match[2]}`);

  it('shows a custom scope’s text in English, escaped, and Arbor’s texts for the standard scopes the client gives none for', async () => {
    const { html } = await consentPage(await signedIn('en'), 'openid profile email read:orders write:orders');
    assert.deepEqual(scopeItems(html), [
      'openid: Know who you are (your account identifier)',
      'profile: See your name and username',
      'email: See your email address',
      'read:orders: Read your orders',
      'write:orders: Change your &lt;b&gt;orders&lt;/b&gt; &amp; returns',
    ]);
    assert.ok(!html.includes('<b>orders'), 'the text is escaped');
  });

  it('shows the French texts on a French page, the client’s for a standard scope too; the tokens know the names only', async () => {
    const { html, allow } = await consentPage(await signedIn('fr-FR,fr;q=0.9'), 'openid profile email read:orders write:orders');
    assert.ok(html.startsWith('<!doctype html>\n<html lang="fr">'));
    assert.deepEqual(scopeItems(html), [
      'openid: Savoir qui vous êtes (l’identifiant de votre compte)',
      'profile: Votre profil public',
      'email: Voir votre adresse e-mail',
      'read:orders: Lire vos commandes',
      'write:orders: Change your &lt;b&gt;orders&lt;/b&gt; &amp; returns',
    ]);
    const tokens = await allow();
    assert.deepEqual(tokens.scope?.split(' ').sort(), ['email', 'openid', 'profile', 'read:orders', 'write:orders']);
    const introspection = await oidc.tokenIntrospection(shop, tokens.access_token);
    assert.deepEqual(introspection.scope?.split(' ').sort(), ['email', 'openid', 'profile', 'read:orders', 'write:orders']);
  });

  it('refuses a scope the client is not registered with, an entry’s text included, with invalid_scope', async () => {
    const browser = await signedIn('en');
    for (const [scope, description] of [
      ['openid admin:all', 'Unknown/invalid scope(s): [admin:all]'],
      ['openid read:orders|fr', 'Unknown/invalid scope(s): [read:orders|fr]'],
    ] as const) {
      const answer = await browser.follow(authorization(scope).url);
      assert.equal(answer.location?.origin, 'https://shop.example', scope);
      assert.equal(answer.location?.searchParams.get('error'), 'invalid_scope', scope);
      assert.equal(answer.location?.searchParams.get('error_description'), description);
      assert.equal(answer.location?.searchParams.get('code'), null);
    }
    const refused = (error: unknown): boolean => error instanceof oidc.ResponseBodyError && error.error === 'invalid_scope';
    await assert.rejects(oidc.clientCredentialsGrant(reports, { scope: 'reports.read reports.delete' }), refused);
  });

  it('gives a client credentials request that names no scope the client’s default scopes; a client without them, a token without scope', async () => {
    const tokens = await oidc.clientCredentialsGrant(reports);
    assert.equal(tokens.scope, 'reports.read');
    const introspection = await oidc.tokenIntrospection(reports, tokens.access_token);
    assert.equal(introspection.active, true);
    assert.equal(introspection.scope, 'reports.read');
    const asked = await oidc.clientCredentialsGrant(reports, { scope: 'reports.write' });
    assert.equal(asked.scope, 'reports.write', 'a scope asked is not widened by the defaults');
    const none = await oidc.clientCredentialsGrant(plain);
    assert.equal(none.scope, undefined);
    assert.equal((await oidc.tokenIntrospection(plain, none.access_token)).scope, undefined);
  });

  it('gives an authorization that names no scope the client’s default scopes, asked on the consent page', async () => {
    const { html, allow } = await consentPage(await signedIn('en'), undefined);
    assert.deepEqual(scopeItems(html), ['openid: Know who you are (your account identifier)', 'read:orders: Read your orders']);
    const tokens = await allow();
    assert.deepEqual(tokens.scope?.split(' ').sort(), ['openid', 'read:orders']);
    assert.ok(tokens.id_token, 'openid, a default scope, gives an ID token');
  });

  it('gives a device authorization that names no scope the client’s default scopes', async () => {
    const started = await fetch(`${server.issuer}/device/code`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'tv' }).toString() });
    assert.equal(started.status, 200);
    const { user_code: userCode, device_code: deviceCode } = (await started.json()) as { user_code: string; device_code: string };
    const browser = await signedIn('en');
    const entryHtml = await (await browser.request(`${server.issuer}/device/user`)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(entryHtml)?.[1] ?? assert.fail('no form');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(entryHtml)?.[1] ?? assert.fail('no xsrf');
    const confirmHtml = await (await browser.post(action, { xsrf, user_code: userCode })).text();
    const confirmXsrf = /name="xsrf" value="([^"]+)"/.exec(confirmHtml)?.[1] ?? assert.fail('no xsrf');
    await browser.follow(await browser.post(action, { xsrf: confirmXsrf, user_code: userCode, confirm: 'yes' }));
    const token = await fetch(`${server.issuer}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: 'tv' }).toString(),
    });
    const body = (await token.json()) as { scope?: string; id_token?: string };
    assert.equal(token.status, 200, JSON.stringify(body));
    assert.deepEqual(body.scope?.split(' ').sort(), ['openid', 'read:shows']);
    assert.ok(body.id_token);
  });
});
