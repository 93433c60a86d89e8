/**
 * The consent page on a real Arbor with openid-client as the application: a client without implied
 * consent gets Arbor's page (its name escaped, each scope described, in the browser's language,
 * with the pages' headers and a policy that lets the answer redirect to the application); Allow
 * gives a code whose tokens carry exactly the scopes asked, and a later authorization for those
 * scopes, even in a fresh browser or with `prompt=none`, asks nothing, while a new scope is asked
 * alone; Deny gives the application `access_denied`; `prompt=none` without consent is
 * `consent_required`; an answer without the page's token, from another site, of another
 * interaction or after another user signed in is refused with a page and gives no code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { COOKIE, type ConsentTestServer, startConsentTestServer, TestBrowser } from './consent-test-server.ts';

const REDIRECT = 'https://app.example/cb';

describe('the consent page', () => {
  let server: ConsentTestServer;
  let app: oidc.Configuration;
  let users = 0;

  before(async () => {
    server = await startConsentTestServer();
    await server.putClient(
      'photos',
      { userpassword: 'Photos-S3cret-Value', clientName: ['Photo <b>App</b>'], redirectionUris: [REDIRECT], scopes: ['openid', 'profile', 'email', 'phone'] },
      { grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'client_secret_post', isConsentImplied: false },
    );
    app = await oidc.discovery(new URL(server.issuer), 'photos', undefined, oidc.ClientSecretPost('Photos-S3cret-Value'), { execute: [oidc.allowInsecureRequests] });
  });
  after(async () => server?.close());

  /** A new user signed in, in a new browser. */
  async function signedIn(language = 'en'): Promise<{ browser: TestBrowser; token: string; id: string }> {
    users += 1;
    const id = await server.createUser(`grace${users}`);
    const token = await server.signIn(`grace${users}`);
    const browser = new TestBrowser(server.baseUrl, language);
    browser.cookies.set(COOKIE, token);
    return { browser, token, id };
  }

  function authorizationUrl(scope: string, extra: Record<string, string> = {}): { url: string; state: string } {
    const state = oidc.randomState();
    return { url: oidc.buildAuthorizationUrl(app, { redirect_uri: REDIRECT, scope, state, ...extra }).href, state };
  }

  /** Opens the authorization in `browser` up to the consent page; its form's action and token. */
  async function consentPage(browser: TestBrowser, scope: string): Promise<{ html: string; action: string; token: string; response: Response; state: string }> {
    const { url, state } = authorizationUrl(scope);
    const { response, location } = await browser.follow(url);
    assert.equal(location, undefined, 'no redirect to the application before consent');
    assert.equal(response.status, 200);
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no form');
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no token');
    return { html, action, token, response, state };
  }

  it('shows the client’s name and the scopes asked, described, with the pages’ headers, in the browser’s language', async () => {
    const { browser } = await signedIn();
    const { html, action, response } = await consentPage(browser, 'openid profile email');
    assert.match(action, /^\/am\/oauth2\/realms\/root\/interaction\/[A-Za-z0-9_-]+$/);
    assert.ok(html.includes('Photo &lt;b&gt;App&lt;/b&gt; wants to access your account'), 'the name, escaped');
    assert.ok(!html.includes('<b>App'));
    for (const text of ['Know who you are (your account identifier)', 'See your name and username', 'See your email address']) assert.ok(html.includes(text), text);
    assert.ok(!html.includes('See your telephone number'), 'only the scopes asked');
    assert.ok(html.includes('value="allow">Allow</button>') && html.includes('value="deny">Deny</button>'));
    assert.ok(html.includes('<link rel="stylesheet" href="/login/pages.css">'));
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self' https:\/\/app\.example;/, 'the answer may redirect to the application');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('cache-control'), 'no-store');

    const french = await consentPage((await signedIn('fr-BE,fr;q=0.9')).browser, 'openid email');
    assert.ok(french.html.startsWith('<!doctype html>\n<html lang="fr">'));
    assert.ok(french.html.includes('Photo &lt;b&gt;App&lt;/b&gt; demande l’accès à votre compte'));
    assert.ok(french.html.includes('Voir votre adresse e-mail'));
    assert.ok(french.html.includes('>Autoriser</button>'));
  });

  it('Allow gives a code for exactly the scopes asked; the same scopes later ask nothing, a new scope is asked alone', async () => {
    const { browser, token: sso, id } = await signedIn();
    const page = await consentPage(browser, 'openid profile email');
    const allowed = await browser.follow(await browser.post(page.action, { token: page.token, decision: 'allow' }));
    assert.ok(allowed.location !== undefined, 'back to the application');
    assert.equal(`${allowed.location.origin}${allowed.location.pathname}`, REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(app, allowed.location, { expectedState: page.state });
    assert.equal(tokens.claims()?.sub, id);
    assert.deepEqual(tokens.scope?.split(' ').sort(), ['email', 'openid', 'profile']);
    const userinfo = await oidc.fetchUserInfo(app, tokens.access_token, id);
    assert.equal(userinfo.email, `${String(userinfo.preferred_username)}@example.com`);
    assert.equal(userinfo.phone_number, undefined, 'no scope that was not asked');

    // A fresh browser holding only Arbor's cookie: the consent is remembered.
    const fresh = new TestBrowser(server.baseUrl);
    fresh.cookies.set(COOKIE, sso);
    for (const extra of [{}, { prompt: 'none' }]) {
      const again = authorizationUrl('openid email', extra);
      const answer = await fresh.follow(again.url);
      assert.ok(answer.location?.searchParams.get('code'), `a code without asking (${JSON.stringify(extra)})`);
    }
    const silentMore = await fresh.follow(authorizationUrl('openid email phone', { prompt: 'none' }).url);
    assert.equal(silentMore.location?.searchParams.get('error'), 'consent_required');
    const more = await consentPage(fresh, 'openid email phone');
    assert.ok(more.html.includes('See your telephone number'));
    assert.ok(!more.html.includes('See your email address'), 'what was allowed is not asked again');
  });

  it('Deny sends access_denied to the application', async () => {
    const { browser } = await signedIn();
    const page = await consentPage(browser, 'openid profile');
    const denied = await browser.follow(await browser.post(page.action, { token: page.token, decision: 'deny' }));
    assert.equal(denied.location?.searchParams.get('error'), 'access_denied');
    assert.equal(denied.location?.searchParams.get('code'), null);
    assert.equal(denied.location?.searchParams.get('state'), page.state);
  });

  it('answers prompt=none without consent with consent_required', async () => {
    const { browser } = await signedIn();
    const answer = await browser.follow(authorizationUrl('openid', { prompt: 'none' }).url);
    assert.equal(answer.location?.searchParams.get('error'), 'consent_required');
  });

  it('refuses an answer without the page’s token, from another site, of another interaction or after another user signed in', async () => {
    const { browser } = await signedIn();
    const first = await consentPage(browser, 'openid profile');
    const noToken = await browser.post(first.action, { decision: 'allow' });
    assert.equal(noToken.status, 403);
    assert.match(await noToken.text(), /could not be verified/);
    const crossSite = await browser.post(first.action, { token: first.token, decision: 'allow' }, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    await crossSite.body?.cancel();

    // A token of another interaction (of the same user) does not fit this one.
    const other = await signedIn();
    const second = await consentPage(other.browser, 'openid profile');
    const third = await consentPage(other.browser, 'openid email');
    const swapped = await other.browser.post(third.action, { token: second.token, decision: 'allow' });
    assert.equal(swapped.status, 403);
    await swapped.body?.cancel();

    // Another user signs in in this browser: the page made for the first one is not taken.
    browser.cookies.set(COOKIE, other.token);
    const switched = await browser.post(first.action, { token: first.token, decision: 'allow' });
    assert.equal(switched.status, 400);
    assert.match(await switched.text(), /expired or belongs to another browser/);
    assert.equal(switched.headers.get('location'), null, 'no code');
  });
});
