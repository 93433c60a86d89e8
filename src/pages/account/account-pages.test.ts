/**
 * The account page through `app.inject` on an in-memory Arbor, as a browser uses it (cookies
 * kept, forms posted with the token the page holds): without a session it sends the browser
 * through the realm's OpenID provider to the realm's sign-in page (account-sign-in.test.ts has the
 * whole sign-in); each form does what it says and comes back with a one-time status
 * (profile with policy failures next to the field, security questions hashed, consent withdrawn,
 * social account unlinked, one session or every other session signed out, signing out);
 * deleting the account is off by default and needs a confirmation when on; a post without the
 * token, with another browser's token, or from another site is refused with a page; the page
 * carries the journey pages' headers, escapes what the user typed, and speaks French.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { placeholdersOf } from '../i18n/define-catalog.ts';
import { accountCatalog } from '../i18n/account-messages.ts';
import { Browser, textOf, tokenOf } from './account-test-browser.ts';

const PASSWORD = 'Secret-Passw0rd';

describe('the account page', () => {
  let arbor: TestPlatform;
  let count = 0;

  before(async () => {
    arbor = await inMemoryPlatform();
  });
  after(async () => arbor?.close());

  /** A new root user signed in in a new browser. */
  async function signedIn(attributes: Record<string, unknown> = {}): Promise<{ browser: Browser; id: string; userName: string; token: string }> {
    count += 1;
    const userName = `ada${count}`;
    const user = await arbor.identity.createUser('user', { userName, password: PASSWORD, givenName: 'Ada', sn: 'Lovelace', mail: `${userName}@example.com`, ...attributes });
    const token = await signInToken(userName);
    const browser = new Browser(arbor);
    browser.cookies.set('iPlanetDirectoryPro', token);
    return { browser, id: user._id, userName, token };
  }

  async function signInToken(userName: string): Promise<string> {
    const response = await arbor.app.inject({
      method: 'POST',
      url: '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login',
      headers: { 'x-openam-username': userName, 'x-openam-password': PASSWORD },
    });
    assert.equal(response.statusCode, 200, response.body);
    return String(response.json<{ tokenId: unknown }>().tokenId);
  }

  const sessionAlive = async (token: string): Promise<boolean> => (await arbor.sessions.validate(token)) !== undefined;

  it('sends a browser without a session through the realm’s provider to the realm’s sign-in page', async () => {
    /** Where the browser ends up: the login page the interaction sends it to. */
    const loginPageOf = async (browser: Browser, url: string): Promise<URL> => {
      const atInteraction = await browser.get(url);
      assert.equal(atInteraction.statusCode, 303);
      const interaction = String(atInteraction.headers.location);
      assert.match(interaction, /^\/am\/oauth2\/realms\/root(\/realms\/[a-z]+)?\/interaction\/[A-Za-z0-9_-]+$/);
      const login = await browser.raw(interaction);
      assert.equal(login.statusCode, 303);
      const location = new URL(String(login.headers.location), 'http://localhost');
      assert.equal(location.searchParams.get('goto'), interaction, 'back to the interaction');
      return location;
    };
    const root = await loginPageOf(new Browser(arbor), '/account');
    assert.equal(`${root.pathname}?realm=${root.searchParams.get('realm')}&journey=${root.searchParams.get('journey')}`, '/login?realm=/&journey=Login');
    assert.equal((await loginPageOf(new Browser(arbor), '/account?realm=alpha')).searchParams.get('realm'), 'alpha');
    assert.equal((await loginPageOf(new Browser(arbor), '/account?realm=nowhere')).searchParams.get('realm'), '/');
    const stale = new Browser(arbor);
    stale.cookies.set('iPlanetDirectoryPro', 'not-a-session');
    assert.equal((await loginPageOf(stale, '/account')).searchParams.get('journey'), 'Login');
  });

  it('shows the account with the pages’ headers and escapes what the user typed', async () => {
    const { browser, userName } = await signedIn({ description: '<script>alert(1)</script>' });
    const page = await browser.get('/account');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'.*frame-ancestors 'none'/);
    assert.doesNotMatch(String(page.headers['content-security-policy']), /script-src|unsafe-inline/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!page.body.includes('<script>'));
    assert.ok(page.body.includes(`Signed in as ${userName}.`));
    for (const heading of ['Profile', 'Password', 'Security questions', 'Terms and consents', 'Linked social accounts', 'Active sessions', 'Sign out']) {
      assert.ok(page.body.includes(`>${heading}</h2>`), `section ${heading}`);
    }
    assert.ok(page.body.includes('href="/login?realm=%2F&amp;journey=UpdatePassword&amp;goto=%2Faccount"'), 'the password is changed through UpdatePassword');
  });

  it('saves the profile through the policies: a failure next to the field with the typed values kept, then saved with a one-time status', async () => {
    const { browser, id } = await signedIn();
    const refused = await browser.submit('profile', { givenName: 'Augusta', sn: 'King', mail: 'not-an-address' });
    assert.equal(refused.statusCode, 400);
    const mailInput = /<input type="email" id="(profile-\d+)" name="mail" value="not-an-address"[^>]*>/.exec(refused.body);
    assert.ok(mailInput !== null, 'the typed address is kept');
    assert.match(mailInput[0], new RegExp(`aria-invalid="true" aria-describedby="${mailInput[1]}-errors"`));
    assert.match(refused.body, new RegExp(`<div id="${mailInput[1]}-errors" role="alert">`));
    assert.equal(textOf(refused.body, `${mailInput[1]}-errors`), 'Enter a valid email address.');
    assert.ok(refused.body.includes('value="Augusta"'), 'the other typed values are kept');
    assert.equal((await arbor.identity.getUser('user', id))?.attributes.givenName, 'Ada', 'nothing was saved');

    const saved = await browser.submit('profile', { givenName: 'Augusta', sn: 'King', mail: 'augusta@example.com', telephoneNumber: '+44 20 7946 0000', 'preferences/updates': 'true' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/account');
    const stored = (await arbor.identity.getUser('user', id))?.attributes;
    assert.deepEqual([stored?.givenName, stored?.sn, stored?.mail, stored?.telephoneNumber, stored?.preferences], ['Augusta', 'King', 'augusta@example.com', '+44 20 7946 0000', { updates: true }]);
    const after = await browser.get('/account');
    assert.match(after.body, /<p class="message status" role="status">Your profile has been saved\.<\/p>/);
    assert.doesNotMatch((await browser.get('/account')).body, /role="status"/, 'the status is shown once');
  });

  it('refuses a post without the form token, with another browser’s token, or from another site, with a page and nothing changed', async () => {
    const { browser, id } = await signedIn();
    const page = await browser.get('/account');
    const token = tokenOf(page.body);
    const without = await browser.post('/account/profile', { givenName: 'Mallory', realm: '/' });
    assert.equal(without.statusCode, 403);
    assert.match(without.body, /role="alert">This form could not be verified/);
    const elsewhere = new Browser(arbor);
    elsewhere.cookies.set('iPlanetDirectoryPro', browser.cookies.get('iPlanetDirectoryPro') ?? '');
    await elsewhere.get('/account');
    assert.equal((await elsewhere.post('/account/profile', { csrf: token, givenName: 'Mallory' })).statusCode, 403, 'a token is good in its own browser only');
    assert.equal((await browser.post('/account/profile', { csrf: token, givenName: 'Mallory' }, { origin: 'https://evil.example' })).statusCode, 403);
    assert.equal((await browser.post('/account/profile', { csrf: token, givenName: 'Mallory' }, { 'sec-fetch-site': 'cross-site' })).statusCode, 403);
    const signOut = await browser.post('/account/sign-out', { csrf: token }, { origin: 'https://evil.example' });
    assert.equal(signOut.statusCode, 403);
    assert.doesNotMatch(signOut.body, /at .*\.ts/, 'no stack trace');
    assert.equal((await arbor.identity.getUser('user', id))?.attributes.givenName, 'Ada');
    assert.ok(await sessionAlive(browser.cookies.get('iPlanetDirectoryPro') ?? ''));
    const unreadable = await browser.post('/account/profile', Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`f${index}`, 'x'])));
    assert.equal(unreadable.statusCode, 400, 'a form too large is a bad request, not a failure');
  });

  it('replaces the security questions with the KBA rules, answers hashed, and never shows an answer', async () => {
    const { browser, id } = await signedIn();
    const page = await browser.get('/account');
    const offered = /<option value="([^"]+)">/.exec(page.body.split('id="question-1"')[1] ?? '')?.[1];
    assert.ok(offered !== undefined, 'the configured questions are offered');
    const question = offered.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    const same = await browser.submit('security-questions', { 'question-1': question, 'answer-1': 'Red', 'question-2': question, 'answer-2': 'Blue' });
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /role="alert" id="questions-errors">Choose or write 2 different questions/);
    const saved = await browser.submit('security-questions', { 'question-1': question, 'answer-1': 'Red', 'custom-2': 'Name of my first cat?', 'answer-2': 'Felix' });
    assert.equal(saved.statusCode, 303);
    const stored = await arbor.store.managedObjects.get('user', id);
    const entries = stored?.data.kbaInfo as { questionId?: string; customQuestion?: string; answer: unknown }[];
    assert.equal(entries.length, 2);
    assert.equal(entries[1]?.customQuestion, 'Name of my first cat?');
    assert.ok(entries.every((entry) => typeof entry.answer === 'object' && !JSON.stringify(entry.answer).includes('Felix')), 'the answers are hashed');
    const shown = (await browser.get('/account')).body;
    assert.ok(shown.includes('<li>Name of my first cat?</li>') && shown.includes(`<li>${offered}</li>`));
    assert.equal(entries[0]?.questionId, '1', 'a configured question is stored by its id');
    assert.ok(!shown.includes('Felix'));
  });

  it('withdraws a consent and unlinks a social account', async () => {
    const { browser, id } = await signedIn({
      consentedMappings: [
        { mapping: 'crm', consentDate: '2026-01-02T10:00:00.000Z' },
        { mapping: 'newsletter', consentDate: '2026-01-03T10:00:00.000Z' },
      ],
      aliasList: ['google-1234', 'github-99'],
    });
    const page = await browser.get('/account');
    assert.ok(page.body.includes('<strong>crm</strong>') && page.body.includes('<strong>github</strong>'));
    assert.equal((await browser.submit('consents/withdraw', { mapping: 'crm' })).statusCode, 303);
    assert.equal((await browser.submit('social/unlink', { alias: 'google-1234' })).statusCode, 303);
    const stored = (await arbor.identity.getUser('user', id))?.attributes;
    assert.deepEqual(stored?.consentedMappings, [{ mapping: 'newsletter', consentDate: '2026-01-03T10:00:00.000Z' }]);
    assert.deepEqual(stored?.aliasList, ['github-99']);
    assert.match((await browser.get('/account')).body, /role="status">The social account has been unlinked\./);
  });

  it('lists the sessions, marks this browser, signs one out by its handle and every other one, keeping this browser signed in', async () => {
    const { browser, userName, token } = await signedIn();
    const second = await signInToken(userName);
    const third = await signInToken(userName);
    const page = await browser.get('/account');
    assert.equal(page.body.match(/<input type="hidden" name="handle"/g)?.length, 2, 'a sign-out form for each other session');
    assert.equal(page.body.match(/<li aria-current="true"><div class="item-text">/g)?.length, 1, 'this browser is marked');
    assert.ok(page.body.includes('This browser'));
    assert.ok(!page.body.includes(token) && !page.body.includes(second), 'no token in the page');
    const handle = (await arbor.sessions.validate(second))?.handle ?? '';
    assert.equal((await browser.submit('sessions/sign-out', { handle })).statusCode, 303);
    assert.equal(await sessionAlive(second), false);
    assert.ok(await sessionAlive(third));
    assert.match((await browser.get('/account')).body, /role="status">That session has been signed out\./);

    const everywhere = await browser.submit('sessions/sign-out-others');
    assert.equal(everywhere.statusCode, 303);
    assert.equal(await sessionAlive(third), false);
    assert.equal(await sessionAlive(token), false, 'the old token of this browser is replaced');
    const renewed = browser.cookies.get('iPlanetDirectoryPro') ?? '';
    assert.ok(renewed !== token && (await sessionAlive(renewed)), 'this browser carries on with a new session');
    const after = await browser.get('/account');
    assert.match(after.body, /role="status">All your other sessions have been signed out\./);
    assert.equal(after.body.match(/<input type="hidden" name="handle"/g), null);
  });

  it('signs out here: the session ends, the cookie goes, back to the sign-in page', async () => {
    const { browser, token } = await signedIn();
    const out = await browser.submit('sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/login?realm=%2F&journey=Login');
    assert.equal(browser.cookies.get('iPlanetDirectoryPro'), undefined);
    assert.equal(await sessionAlive(token), false);
  });

  it('deletion is off by default: no section, and the post is refused', async () => {
    const { browser, id } = await signedIn();
    const page = await browser.get('/account');
    assert.ok(!page.body.includes('Delete my account'));
    const refused = await browser.submit('delete', { confirm: 'yes' });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Accounts cannot be deleted here\./);
    assert.ok(await arbor.identity.getUser('user', id));
  });

  it('deletes the account when the realm allows it, after a confirmation, ending its sessions', async () => {
    const root = await arbor.store.realms.get('root');
    assert.ok(root !== undefined);
    await arbor.store.realms.put({ ...root, usersMayDeleteAccount: true });
    try {
      const { browser, id, userName, token } = await signedIn();
      const other = await signInToken(userName);
      assert.ok((await browser.get('/account')).body.includes('Delete my account'));
      const confirm = await browser.submit('delete');
      assert.equal(confirm.statusCode, 200);
      assert.ok(confirm.body.includes('Yes, delete my account'));
      assert.ok(await arbor.identity.getUser('user', id), 'nothing is deleted before the confirmation');
      const deleted = await browser.post('/account/delete', { csrf: tokenOf(confirm.body), confirm: 'yes' });
      assert.equal(deleted.statusCode, 303);
      assert.equal(deleted.headers.location, '/account/deleted?realm=%2F');
      assert.equal(await arbor.identity.getUser('user', id), undefined);
      assert.equal(await sessionAlive(token), false);
      assert.equal(await sessionAlive(other), false);
      assert.match((await browser.get('/account/deleted?realm=%2F')).body, /role="status">Your account has been deleted/);
    } finally {
      await arbor.store.realms.put(root);
    }
  });

  it('speaks the browser’s language, with the same placeholders in every language', async () => {
    const { browser } = await signedIn();
    const french = new Browser(arbor, 'fr-BE,fr;q=0.9');
    french.cookies.set('iPlanetDirectoryPro', browser.cookies.get('iPlanetDirectoryPro') ?? '');
    const page = await french.get('/account');
    assert.match(page.body, /<html lang="fr">/);
    assert.ok(page.body.includes('<h1>Votre compte</h1>'));
    for (const [id, english] of Object.entries(accountCatalog.texts.en)) {
      for (const language of ['fr', 'nl', 'de'] as const) {
        assert.deepEqual(placeholdersOf(accountCatalog.texts[language][id as keyof typeof accountCatalog.texts.en]), placeholdersOf(english), `${language} ${id}`);
      }
    }
  });
});
