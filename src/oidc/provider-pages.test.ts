/**
 * The provider's own pages on a real Arbor: the error of a request that cannot go back to the
 * application, the sign-out question and the signed-out page, and the device flow's code entry,
 * confirmation and success pages are Arbor's (its stylesheet, no remote font, no script) in the
 * browser's language, with the pages' security headers; the sign-out question's policy lets its
 * answer redirect to the registered post-logout URI. The provider's JSON and redirects get none of
 * the page headers. The pages carry the realm's theme.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { COOKIE, type ConsentTestServer, startConsentTestServer, TestBrowser } from './consent-test-server.ts';

const REDIRECT = 'https://spa.example/cb';
const AFTER_LOGOUT = 'https://spa.example/bye';

function assertPageHeaders(response: Response): void {
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /script-src|unsafe-inline/);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(response.headers.get('cache-control'), 'no-store');
}

function assertArborLook(html: string, lang: string): void {
  assert.ok(html.startsWith(`<!doctype html>\n<html lang="${lang}">`), html.slice(0, 80));
  assert.ok(html.includes('<link rel="stylesheet" href="/login/pages.css">'));
  assert.ok(!html.includes('fonts.googleapis.com'));
  assert.ok(!/<script|onfocus=/.test(html));
}

describe('the provider’s own pages', () => {
  let server: ConsentTestServer;
  let spa: oidc.Configuration;

  before(async () => {
    server = await startConsentTestServer();
    await server.putClient('spa', { clientType: 'Public', clientName: ['Notes'], redirectionUris: [REDIRECT], scopes: ['openid', 'profile'] }, { grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none', isConsentImplied: true }, { postLogoutRedirectUri: [AFTER_LOGOUT] });
    await server.putClient('tv', { clientType: 'Public', clientName: ['Living room TV'], redirectionUris: [], scopes: ['openid', 'profile'] }, { grantTypes: ['urn:ietf:params:oauth:grant-type:device_code'], tokenEndpointAuthMethod: 'none', isConsentImplied: true });
    spa = await oidc.discovery(new URL(server.issuer), 'spa', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  });
  after(async () => server?.close());

  it('shows a request that cannot go back to the application on Arbor’s page, in the browser’s language', async () => {
    const url = new URL(`${server.issuer}/authorize`);
    url.search = new URLSearchParams({ client_id: 'nobody', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid' }).toString();
    const response = await new TestBrowser(server.baseUrl, 'fr').request(url.href);
    assert.equal(response.status, 400);
    assertPageHeaders(response);
    const html = await response.text();
    assertArborLook(html, 'fr');
    assert.ok(html.includes('La demande a été refusée'));
    assert.ok(html.includes('Erreur : invalid_client'));
  });

  it('asks before signing out and says it is done, in German; the answer may go back to the application', async () => {
    const token = await server.signIn((await server.createUser('dora'), 'dora'));
    const browser = new TestBrowser(server.baseUrl, 'de-DE,de;q=0.9');
    browser.cookies.set(COOKIE, token);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorization = oidc.buildAuthorizationUrl(spa, { redirect_uri: REDIRECT, scope: 'openid', state, prompt: 'none', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const signedIn = await browser.follow(authorization.href);
    const tokens = await oidc.authorizationCodeGrant(spa, signedIn.location ?? assert.fail('no code'), { pkceCodeVerifier: verifier, expectedState: state });

    const question = await browser.request(oidc.buildEndSessionUrl(spa, { id_token_hint: tokens.id_token ?? '', post_logout_redirect_uri: AFTER_LOGOUT }).href);
    assert.equal(question.status, 200);
    assertPageHeaders(question);
    assert.match(question.headers.get('content-security-policy') ?? '', /form-action 'self' https:\/\/spa\.example;/);
    const html = await question.text();
    assertArborLook(html, 'de');
    assert.ok(html.includes('>Ja, abmelden</button>') && html.includes('>Nein, angemeldet bleiben</button>'));
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no form');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no xsrf');
    const confirmed = await browser.post(action, { xsrf, logout: 'yes' });
    assert.equal(confirmed.status, 303);
    assert.equal(new URL(confirmed.headers.get('location') ?? '').origin, 'https://spa.example');
    assert.equal(confirmed.headers.get('x-frame-options'), null, 'a redirect gets no page headers');

    // Without a post-logout URI the provider shows its own "signed out" page.
    const again = new TestBrowser(server.baseUrl, 'de');
    again.cookies.set(COOKIE, await server.signIn('dora'));
    const second = await again.request(`${server.issuer}/connect/endSession?client_id=spa`);
    const secondHtml = await second.text();
    const done = await again.follow(await again.post(/action="([^"]+)"/.exec(secondHtml)?.[1] ?? '', { xsrf: /name="xsrf" value="([^"]+)"/.exec(secondHtml)?.[1] ?? '', logout: 'yes' }));
    assertPageHeaders(done.response);
    assert.ok((await done.response.text()).includes('Sie sind abgemeldet.'));
  });

  it('carries the realm’s theme: its stylesheet and logo, the logo’s origin allowed', async () => {
    const root = (await server.arbor.store.realms.get('root')) ?? assert.fail('no root realm');
    await server.arbor.store.realms.put({ ...root, pages: { theme: { logoUrl: 'https://cdn.example.com/logo.svg', primaryColor: '#0b5cad' } } });
    try {
      const response = await new TestBrowser(server.baseUrl).request(`${server.issuer}/device/user`);
      const html = await response.text();
      assert.match(html, /<link rel="stylesheet" href="\/login\/theme\.css\?realm=root&amp;v=[\w-]+">/);
      assert.ok(html.includes('<img class="logo" src="https://cdn.example.com/logo.svg" alt="root">'));
      assert.match(response.headers.get('content-security-policy') ?? '', /img-src 'self' data: https:\/\/cdn\.example\.com;/);
    } finally {
      await server.arbor.store.realms.put(root);
    }
  });

  it('runs the device flow’s pages in Arbor’s look and the browser’s language', async () => {
    const token = await server.signIn((await server.createUser('dev'), 'dev'));
    const started = await fetch(`${server.issuer}/device/code`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'tv', scope: 'openid profile' }).toString() });
    assert.equal(started.status, 200);
    assert.equal(started.headers.get('x-frame-options'), null, 'JSON gets no page headers');
    const { user_code: userCode } = (await started.json()) as { user_code: string };
    const browser = new TestBrowser(server.baseUrl, 'nl');
    browser.cookies.set(COOKIE, token);

    const entry = await browser.request(`${server.issuer}/device/user`);
    assertPageHeaders(entry);
    const entryHtml = await entry.text();
    assertArborLook(entryHtml, 'nl');
    assert.ok(entryHtml.includes('<label for="user_code">Code</label>'));
    assert.ok(entryHtml.includes('Voer de code in die op uw apparaat staat.'));
    const action = /<form method="post" action="([^"]+)"/.exec(entryHtml)?.[1] ?? assert.fail('no form');
    const xsrf = () => /name="xsrf" value="([^"]+)"/.exec(entryHtml)?.[1] ?? '';

    const wrong = await browser.post(action, { xsrf: xsrf(), user_code: 'WRONG-CODE' });
    const wrongHtml = await wrong.text();
    assert.ok(wrongHtml.includes('Die code klopt niet of is verlopen.'), wrongHtml);
    const retry = /name="xsrf" value="([^"]+)"/.exec(wrongHtml)?.[1] ?? xsrf();

    const confirm = await browser.post(action, { xsrf: retry, user_code: userCode });
    assertPageHeaders(confirm);
    const confirmHtml = await confirm.text();
    assertArborLook(confirmHtml, 'nl');
    assert.ok(confirmHtml.includes('Living room TV vraagt om zich aan te melden op een apparaat.'));
    assert.ok(confirmHtml.includes(userCode));
    const confirmXsrf = /name="xsrf" value="([^"]+)"/.exec(confirmHtml)?.[1] ?? '';
    const success = await browser.follow(await browser.post(action, { xsrf: confirmXsrf, user_code: userCode, confirm: 'yes' }));
    assertPageHeaders(success.response);
    const successHtml = await success.response.text();
    assert.ok(successHtml.includes('Uw apparaat is aangemeld bij Living room TV.'), successHtml);
  });
});
