/**
 * Social sign-in on the journey pages, over real HTTP: a loopback Arbor, the itsme simulator
 * (registered with the realm's `/login?realm=alpha` URL as its redirect URI) and a browser
 * stand-in at the provider. The SocialLogin page offers itsme beside the local form; its button
 * sends the browser to the provider (303) with the step kept in a cookie; the provider's answer
 * at `/login?code&state` resumes the journey (terms page, then the account and the session
 * cookie); a tampered state ends in the failure page with no session; coming back without the
 * cookie says to start again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { visitProvider } from '../social/testing/browser-at-provider.ts';
import { type ItsmeSimulator, startItsmeSimulator } from '../social/testing/itsme-simulator.ts';
import { createItsmeProvider, generateItsmeKeys, type SocialArbor, startSocialArbor } from '../../test/e2e/social-harness.ts';

interface Page {
  status: number;
  html: string;
  headers: Headers;
}

/** A browser at Arbor: keeps cookies (expiring the ones set with Max-Age=0), never follows redirects. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  private keep(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      if (/;\s*Max-Age=0/i.test(line)) this.cookies.delete(pair.slice(0, index));
      else this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  private async send(path: string, init: RequestInit = {}): Promise<Page> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string> | undefined) }, redirect: 'manual' });
    this.keep(response.headers);
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  get(path: string): Promise<Page> {
    return this.send(path);
  }

  post(body: URLSearchParams): Promise<Page> {
    return this.send('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  }
}

function decode(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The form's hidden fields in document order, then `answers` (a pressed button's name and value come last). */
function submission(html: string, answers: [string, string][]): URLSearchParams {
  const body = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) body.append(decode(match[1] ?? ''), decode(match[2] ?? ''));
  for (const [name, value] of answers) body.append(name, value);
  return body;
}

describe('social sign-in on the journey pages', () => {
  let arbor: SocialArbor;
  let simulator: ItsmeSimulator;
  let redirectUri: string;

  before(async () => {
    arbor = await startSocialArbor();
    await generateItsmeKeys(arbor);
    // `realm=alpha`, not `realm=/alpha`: the simulator (oidc-provider) sends the query back re-encoded (`%2F`).
    redirectUri = `${arbor.baseUrl}/login?realm=alpha`;
    simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks() });
    await createItsmeProvider(arbor, 'itsme', simulator, redirectUri);
  });
  after(async () => {
    await simulator?.close();
    await arbor?.close();
  });

  /**
   * Opens SocialLogin and presses the itsme button: a page that moves on to the provider by itself
   * (a form's answer may not redirect to another origin under the page policy).
   */
  async function pressItsme(browser: Browser): Promise<Page> {
    const first = await browser.get('/login?realm=/alpha&journey=SocialLogin');
    assert.equal(first.status, 200, first.html);
    const pressed = await browser.post(submission(first.html, [['IDToken1', ''], ['IDToken2', ''], ['IDToken3', 'itsme']]));
    assert.equal(pressed.status, 200, pressed.html);
    assert.match(pressed.html, /<meta http-equiv="refresh" content="0; url=https?:\/\//);
    return pressed;
  }

  /** Follows the provider from `page`'s redirect until it sends the browser back; the path and query it sends it to. */
  async function atProvider(page: Page): Promise<string> {
    const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(page.html)?.[1] ?? '';
    const location = decode(refresh);
    assert.ok(location.startsWith(simulator.issuer), location);
    assert.match(page.html, new RegExp(`<a class="button" href="${refresh.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`), 'a link to follow when the page does not move on');
    const outcome = await visitProvider(location, redirectUri);
    assert.equal(outcome.kind, 'redirect', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'redirect');
    assert.equal(outcome.url.searchParams.get('realm'), 'alpha', 'the provider keeps the redirect URI’s query');
    return `${outcome.url.pathname}${outcome.url.search}`;
  }

  it('shows the itsme button beside the local form, whose Next answers localAuthentication', async () => {
    const page = await new Browser(arbor.baseUrl).get('/login?realm=/alpha&journey=SocialLogin');
    assert.equal(page.status, 200);
    assert.match(page.html, /<input id="IDToken1" name="IDToken1" type="text"/);
    assert.match(page.html, /<input id="IDToken2" name="IDToken2" type="password"/);
    assert.match(page.html, /<input type="hidden" name="IDToken3" value="localAuthentication"><div class="actions"><button type="submit">Next<\/button>/);
    assert.match(page.html, /<button type="submit" name="IDToken3" value="itsme" formnovalidate>itsme<\/button>/);
  });

  it('signs in locally when Next is pressed (no provider button value posted)', async () => {
    await arbor.platform.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'Local', mail: 'erin@example.com' });
    const browser = new Browser(arbor.baseUrl);
    const page = await browser.get('/login?realm=/alpha&journey=SocialLogin');
    const done = await browser.post(submission(page.html, [['IDToken1', 'erin'], ['IDToken2', 'Secret-Passw0rd']]));
    assert.equal(done.status, 303, done.html);
    assert.ok(browser.cookies.has('iPlanetDirectoryPro'));
  });

  it('sends the browser to itsme, resumes at /login with its answer, shows the terms and then creates the account and signs in', async () => {
    const browser = new Browser(arbor.baseUrl);
    const pressed = await pressItsme(browser);
    const kept = pressed.headers.getSetCookie().find((line) => line.startsWith('arbor-pages-return='));
    assert.match(kept ?? '', /; Path=\/login; HttpOnly; SameSite=Lax; Max-Age=3600$/);
    const back = await atProvider(pressed);
    assert.match(back, /^\/login\?realm=alpha&code=/);
    const terms = await browser.get(back);
    assert.equal(terms.status, 200, terms.html);
    assert.match(terms.html, /<h1>Terms and Conditions<\/h1>/);
    assert.equal(browser.cookies.has('arbor-pages-return'), false, 'the way back is used once');
    assert.deepEqual(await arbor.usersWith('mail', 'jan.peeters@example.be'), []);
    const done = await browser.post(submission(terms.html, [['IDToken1', 'true']]));
    assert.equal(done.status, 303, done.html);
    assert.equal(done.headers.get('location'), '/login/done?realm=%2Falpha');
    assert.ok(browser.cookies.has('iPlanetDirectoryPro'), 'the session cookie is set');
    const [user] = await arbor.usersWith('mail', 'jan.peeters@example.be');
    assert.deepEqual(user?.attributes.aliasList, ['itsme-itsme-user-1']);
    assert.match((await browser.get('/login/done?realm=/alpha')).html, /You are signed in as jan\.peeters@example\.be/);

    const again = await browser.get(back);
    assert.equal(again.status, 400);
    assert.match(again.html, /This sign-in can no longer be resumed/);
  });

  it('fails with the failure page and no session when the state that comes back was tampered with', async () => {
    const browser = new Browser(arbor.baseUrl);
    const back = new URL(await atProvider(await pressItsme(browser)), arbor.baseUrl);
    back.searchParams.set('state', `x${back.searchParams.get('state') ?? ''}`);
    const failuresBefore = arbor.failures.length;
    const failed = await browser.get(`${back.pathname}${back.search}`);
    assert.equal(failed.status, 401, failed.html);
    assert.match(failed.html, /<h1>Sign-in failed<\/h1>/);
    assert.equal(browser.cookies.has('iPlanetDirectoryPro'), false);
    assert.equal(browser.cookies.has('arbor-pages-return'), false);
    assert.equal(arbor.failures.length, failuresBefore + 1, 'the refused state is reported');
  });

  it('says to start again when the browser comes back without the kept step, or with one it did not make', async () => {
    const browser = new Browser(arbor.baseUrl);
    const back = await atProvider(await pressItsme(browser));
    const failuresBefore = arbor.failures.length;
    const stranger = await new Browser(arbor.baseUrl).get(back);
    assert.equal(stranger.status, 400);
    assert.match(stranger.html, /This sign-in can no longer be resumed/);
    assert.match(stranger.html, /href="\/login\?realm=%2Falpha&amp;authIndexType=service&amp;authIndexValue=/);
    const other = new Browser(arbor.baseUrl);
    other.cookies.set('arbor-pages-return', browser.cookies.get('arbor-pages-return') ?? '');
    await other.get('/login?realm=/alpha&journey=SocialLogin');
    assert.match((await other.get(back)).html, /This sign-in can no longer be resumed/, 'the kept step is bound to the browser that made it');
    assert.equal(arbor.failures.length, failuresBefore, 'the journey never heard of these returns');
  });
});
