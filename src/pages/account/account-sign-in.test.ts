/**
 * The account page signs in through the realm's OpenID provider (`arbor-account`), on an in-memory
 * Arbor through `app.inject`: a browser without a session goes authorize → the realm's journey on
 * the login page → back through the interaction → `/account/callback` → the page, holding a
 * sealed HttpOnly sign-in cookie; a callback with another state, a forged code, or one replayed
 * is refused without signing in; after Arbor's logout (AM's sessions REST) the page asks to sign
 * in again; the built-in client cannot be replaced through the clients REST.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { Browser } from './account-test-browser.ts';

const PASSWORD = 'Secret-Passw0rd';

describe('the account page signs in through the OpenID provider', () => {
  let arbor: TestPlatform;
  let count = 0;

  before(async () => {
    arbor = await inMemoryPlatform();
  });
  after(async () => arbor?.close());

  const newUser = async (): Promise<string> => {
    count += 1;
    const userName = `grace${count}`;
    await arbor.identity.createUser('user', { userName, password: PASSWORD, givenName: 'Grace', sn: 'Hopper', mail: `${userName}@example.com` });
    return userName;
  };

  const signInToken = async (userName: string): Promise<string> => {
    const response = await arbor.app.inject({ method: 'POST', url: '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login', headers: { 'x-openam-username': userName, 'x-openam-password': PASSWORD } });
    assert.equal(response.statusCode, 200, response.body);
    return String(response.json<{ tokenId: unknown }>().tokenId);
  };

  /** The callback URL the provider sends a signed-in browser to (not followed). */
  const callbackOf = async (browser: Browser): Promise<string> => {
    const toAuthorize = await browser.raw('/account');
    assert.equal(toAuthorize.statusCode, 303);
    const authorize = await browser.raw(String(toAuthorize.headers.location));
    assert.equal(authorize.statusCode, 303);
    const callback = new URL(String(authorize.headers.location));
    assert.equal(callback.pathname, '/account/callback');
    assert.ok(callback.searchParams.get('code'));
    return `${callback.pathname}${callback.search}`;
  };

  it('runs authorize → the realm’s journey → callback → the page, with a sealed HttpOnly sign-in cookie', async () => {
    const userName = await newUser();
    const browser = new Browser(arbor);
    const toAuthorize = await browser.raw('/account');
    const authorize = new URL(String(toAuthorize.headers.location), 'http://localhost');
    assert.equal(authorize.pathname, '/am/oauth2/realms/root/authorize');
    assert.equal(authorize.searchParams.get('client_id'), 'arbor-account');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('nonce') && authorize.searchParams.get('state'));
    const pending = [toAuthorize.headers['set-cookie']].flat().find((line) => line?.startsWith('arbor-account-auth='));
    assert.match(pending ?? '', /HttpOnly; SameSite=Lax/);
    assert.ok(!(pending ?? '').includes(authorize.searchParams.get('state') ?? '-'), 'the state is sealed, not readable');

    const interaction = await browser.raw(`${authorize.pathname}${authorize.search}`);
    const login = await browser.raw(String(interaction.headers.location));
    const loginPage = new URL(String(login.headers.location), 'http://localhost');
    assert.equal(loginPage.pathname, '/login');
    assert.equal(loginPage.searchParams.get('journey'), 'Login');
    // The journey runs (here on AM's REST, as the login page does), then the browser goes back.
    browser.cookies.set('iPlanetDirectoryPro', await signInToken(userName));
    const page = await browser.get(loginPage.searchParams.get('goto') ?? assert.fail('no goto'));
    assert.equal(page.statusCode, 200, page.body.slice(0, 500));
    assert.ok(page.body.includes(`Signed in as ${userName}.`));
    assert.ok(browser.cookies.get('arbor-account-signin'), 'the page holds its sign-in');
    assert.equal(browser.cookies.get('arbor-account-auth'), undefined, 'the pending request is gone');
  });

  it('refuses a callback with another state, a forged code, or a replayed one, without signing in', async () => {
    const userName = await newUser();
    const token = await signInToken(userName);
    const browser = new Browser(arbor);
    browser.cookies.set('iPlanetDirectoryPro', token);

    const callback = await callbackOf(browser);
    const wrongState = new URL(callback, 'http://localhost');
    wrongState.searchParams.set('state', 'not-the-state');
    const refusedState = await browser.raw(`${wrongState.pathname}${wrongState.search}`);
    assert.equal(refusedState.statusCode, 400);
    assert.match(refusedState.body, /Request refused/);
    assert.equal(browser.cookies.get('arbor-account-signin'), undefined);

    const forged = new URL(await callbackOf(browser), 'http://localhost');
    forged.searchParams.set('code', 'forged-code-value');
    assert.equal((await browser.raw(`${forged.pathname}${forged.search}`)).statusCode, 400);
    assert.equal(browser.cookies.get('arbor-account-signin'), undefined);

    const good = await callbackOf(browser);
    const pending = browser.cookies.get('arbor-account-auth') ?? assert.fail('no pending request');
    const signedIn = await browser.raw(good);
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/account');
    const replayed = await browser.raw(good);
    assert.equal(replayed.statusCode, 400, 'the pending request was used up');
    // Even with the pending cookie put back, the code works once.
    const other = new Browser(arbor);
    other.cookies.set('iPlanetDirectoryPro', token);
    other.cookies.set('arbor-account-auth', pending);
    assert.equal((await other.raw(good)).statusCode, 400);
    assert.equal(other.cookies.get('arbor-account-signin'), undefined);
  });

  it('refuses a sign-in cookie of another SSO session: the page signs in again', async () => {
    const userName = await newUser();
    const browser = new Browser(arbor);
    browser.cookies.set('iPlanetDirectoryPro', await signInToken(userName));
    assert.equal((await browser.get('/account')).statusCode, 200);
    const signInCookie = browser.cookies.get('arbor-account-signin') ?? assert.fail('no sign-in');
    const someoneElse = new Browser(arbor);
    someoneElse.cookies.set('iPlanetDirectoryPro', await signInToken(await newUser()));
    someoneElse.cookies.set('arbor-account-signin', signInCookie);
    const answer = await someoneElse.raw('/account');
    assert.equal(answer.statusCode, 303);
    assert.match(String(answer.headers.location), /^\/am\/oauth2\/realms\/root\/authorize\?/);
  });

  it('asks to sign in again after Arbor’s logout', async () => {
    const userName = await newUser();
    const token = await signInToken(userName);
    const browser = new Browser(arbor);
    browser.cookies.set('iPlanetDirectoryPro', token);
    assert.equal((await browser.get('/account')).statusCode, 200);
    const logout = await arbor.app.inject({ method: 'POST', url: '/am/json/realms/root/sessions?_action=logout', headers: { iplanetdirectorypro: token, 'content-type': 'application/json', 'accept-api-version': 'resource=3.1, protocol=1.0' } });
    assert.equal(logout.statusCode, 200, logout.body);
    assert.ok(browser.cookies.get('arbor-account-signin'), 'the browser still holds the old sign-in cookie');
    const again = await browser.get('/account');
    assert.equal(again.statusCode, 303);
    assert.match(String(again.headers.location), /\/interaction\//, 'the provider asks for a sign-in');
  });

  it('keeps the built-in client whatever the clients REST stores under its id', async () => {
    const put = await arbor.app.inject({
      method: 'PUT',
      url: '/am/json/realms/root/realm-config/agents/OAuth2Client/arbor-account',
      headers: { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!', 'accept-api-version': 'resource=1.0', 'content-type': 'application/json' },
      payload: { coreOAuth2ClientConfig: { clientType: 'Public', redirectionUris: ['https://evil.example/cb'], scopes: ['openid'] }, advancedOAuth2ClientConfig: { grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none' } },
    });
    assert.ok(put.statusCode < 500, put.body);
    const browser = new Browser(arbor);
    browser.cookies.set('iPlanetDirectoryPro', await signInToken(await newUser()));
    assert.equal((await browser.get('/account')).statusCode, 200, 'the page still signs in');
    const evil = await arbor.app.inject({ method: 'GET', url: '/am/oauth2/realms/root/authorize?client_id=arbor-account&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256' });
    assert.equal(evil.statusCode, 400, 'the stored redirect URI is not the built-in client’s');
  });
});
