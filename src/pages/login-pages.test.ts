/**
 * The journey pages over real HTTP on a loopback Arbor: the alpha Login signs a user in through
 * HTML forms (terms page included), sets the REST route's session cookie and redirects to an
 * allowed `goto` (a refused one falls back to the signed-in page); a wrong password shows the
 * failure; Registration shows failed policies next to the field; an emailed ResetPassword link
 * opens the new-password page; a form without its browser's CSRF token is refused; an expired
 * page restarts with a message; page headers are escaped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SmtpSink } from '../selfservice/email/smtp/testing/smtp-sink.ts';
import { addUser, adminClient, buildJourney, importJourneyJson, mailTo, resumeLinkOf, startConfiguredSmtp } from '../../test/helpers/self-service.ts';
import type { TestServer } from '../../test/helpers/test-server.ts';
import { startTestServer } from '../../test/helpers/test-server.ts';

/** A page as the browser got it, and the CSRF cookie the browser keeps. */
interface Page {
  status: number;
  html: string;
  headers: Headers;
}

class Browser {
  cookies = new Map<string, string>();
  readonly baseUrl: string;
  readonly language: string;
  constructor(baseUrl: string, language = 'en-GB,en;q=0.8') {
    this.baseUrl = baseUrl;
    this.language = language;
  }

  private keep(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string): Promise<Page> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookieHeader(), 'accept-language': this.language }, redirect: 'manual' });
    this.keep(response.headers);
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  async post(body: URLSearchParams, headers: Record<string, string> = {}): Promise<Page> {
    const response = await fetch(`${this.baseUrl}/login`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'accept-language': this.language, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: body.toString(),
      redirect: 'manual',
    });
    this.keep(response.headers);
    return { status: response.status, html: await response.text(), headers: response.headers };
  }
}

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w.-]+)="([^"]*)"/g)].map((match) => [match[1] ?? '', decode(match[2] ?? '')]));
}

function decode(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The form's fields as a browser submits them (in document order), with `answers` typed in. */
function fill(html: string, answers: Record<string, string> = {}): URLSearchParams {
  const body = new URLSearchParams();
  for (const match of html.matchAll(/<input ([^>]*)>|<select ([^>]*)>([\s\S]*?)<\/select>/g)) {
    if (match[2] !== undefined) {
      const select = attributes(match[2]);
      const first = [...(match[3] ?? '').matchAll(/<option value="([^"]+)"/g)][0]?.[1] ?? '';
      body.append(select.name ?? '', answers[select.name ?? ''] ?? decode(first));
      continue;
    }
    const input = attributes(match[1] ?? '');
    const name = input.name ?? '';
    if (input.type === 'checkbox') {
      if (answers[name] === 'true') body.append(name, 'true');
      continue;
    }
    body.append(name, answers[name] ?? input.value ?? '');
  }
  return body;
}

/** The input named by its label's text. */
function fieldNamed(html: string, label: string): string {
  const match = new RegExp(`<label for="([^"]+)">${label}</label>`).exec(html);
  assert.ok(match?.[1] !== undefined, `no field labelled ${label} in ${html}`);
  return match[1];
}

const LOGIN = '/login?realm=/alpha&authIndexType=service&authIndexValue=Login';

describe('journey pages', () => {
  let server: TestServer;
  let sink: SmtpSink;

  before(async () => {
    server = await startTestServer({ env: { ARBOR_PUBLIC_URL: 'http://id.example.test' } });
    sink = await startConfiguredSmtp(await adminClient(server));
    await addUser(server, 'alpha', 'nora', 'Nora-Passw0rd1', { mail: 'nora@example.com' });
    await addUser(server, 'alpha', 'omar', 'Omar-Passw0rd1', { mail: 'omar@example.com' }, { termsAccepted: true });
  });
  after(async () => {
    await sink?.stop();
    await server?.close();
  });

  it('signs a user in through the Login pages, terms included, and redirects to an allowed goto with the session cookie', async () => {
    const browser = new Browser(server.baseUrl);
    const first = await browser.get(`${LOGIN}&goto=${encodeURIComponent('/app/home')}`);
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(first.headers.get('content-security-policy'), "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    assert.match(first.html, /<html lang="en">/);
    assert.match(first.html, /<h1>Sign In<\/h1>/);
    assert.match(first.html, /<a href="\/login\?realm=%2Falpha&amp;authIndexType=service&amp;authIndexValue=Registration">Create an account<\/a>/);
    // The one script is the pages' own file; nothing inline.
    assert.match(first.html, /<script src="\/login\/pages\.js" defer><\/script>/);
    assert.doesNotMatch(first.html.replace('<script src="/login/pages.js" defer></script>', ''), /<script/);
    const username = fieldNamed(first.html, 'User Name');
    const password = fieldNamed(first.html, 'Password');
    assert.match(first.html, new RegExp(`<input id="${password}" name="${password}" type="password" autocomplete="current-password" required>`));

    const terms = await browser.post(fill(first.html, { [username]: 'nora', [password]: 'Nora-Passw0rd1' }));
    assert.equal(terms.status, 200, terms.html);
    assert.match(terms.html, /<h1>Terms and Conditions<\/h1>/);
    assert.match(terms.html, /<section class="terms" aria-label="Terms and conditions">/);
    const accept = fieldNamed(terms.html, 'I accept the terms and conditions');

    const done = await browser.post(fill(terms.html, { [accept]: 'true' }));
    assert.equal(done.status, 303, done.html);
    assert.equal(done.headers.get('location'), '/app/home');
    const cookie = done.headers.getSetCookie().find((line) => line.startsWith('iPlanetDirectoryPro='));
    assert.match(cookie ?? '', /^iPlanetDirectoryPro=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.equal(done.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(done.headers.get('cache-control'), 'no-store');
  });

  it('ignores a goto off the allow-list and lands on the signed-in page', async () => {
    const browser = new Browser(server.baseUrl);
    const first = await browser.get(`${LOGIN}&goto=${encodeURIComponent('https://evil.example/steal')}`);
    assert.doesNotMatch(first.html, /evil\.example/);
    const done = await browser.post(fill(first.html, { [fieldNamed(first.html, 'User Name')]: 'omar', [fieldNamed(first.html, 'Password')]: 'Omar-Passw0rd1' }));
    assert.equal(done.status, 303, done.html);
    assert.equal(done.headers.get('location'), '/login/done?realm=%2Falpha');
    const signedIn = await browser.get('/login/done?realm=%2Falpha');
    assert.match(signedIn.html, /You are signed in as omar\./);
  });

  it('shows the failure and a way to start again after a wrong password', async () => {
    const browser = new Browser(server.baseUrl);
    const first = await browser.get(LOGIN);
    const failed = await browser.post(fill(first.html, { [fieldNamed(first.html, 'User Name')]: 'omar', [fieldNamed(first.html, 'Password')]: 'wrong' }));
    assert.equal(failed.status, 401);
    assert.match(failed.html, /<p class="message error" role="alert">Login failure<\/p>/);
    assert.match(failed.html, /<a href="\/login\?realm=%2Falpha&amp;authIndexType=service&amp;authIndexValue=Login">Start again<\/a>/);
    assert.equal(failed.headers.getSetCookie().filter((line) => line.startsWith('iPlanetDirectoryPro=')).length, 0);
  });

  it('renders Registration and shows a too-short password policy next to the password field', async () => {
    const browser = new Browser(server.baseUrl);
    const first = await browser.get('/login?realm=/alpha&journey=Registration');
    assert.equal(first.status, 200, first.html);
    assert.match(first.html, /<h1>Sign Up<\/h1>/);
    const password = fieldNamed(first.html, 'Password');
    assert.match(first.html, new RegExp(`name="${password}validateOnly" value="false"`));
    const answers: Record<string, string> = { [password]: 'short' };
    for (const [label, value] of [['Username', 'petra'], ['First Name', 'Petra'], ['Last Name', 'Pan'], ['Email Address', 'petra@example.com']]) {
      answers[fieldNamed(first.html, label ?? '')] = value ?? '';
    }
    for (const match of first.html.matchAll(/<label for="([^"]+answer)">Answer<\/label>/g)) answers[match[1] ?? ''] = `answer ${match[1]}`;
    for (const match of first.html.matchAll(/<input id="([^"]+)" name="[^"]+" type="checkbox" value="true" required>/g)) answers[match[1] ?? ''] = 'true';
    const again = await browser.post(fill(first.html, answers));
    assert.equal(again.status, 200, again.html);
    const errors = new RegExp(`<input id="${password}" name="${password}" type="password" autocomplete="new-password" required aria-describedby="${password}-errors" aria-invalid="true">.*<div id="${password}-errors" role="alert"><ul class="field-errors"><li>Use at least \\d+ characters\\.</li>`);
    assert.match(again.html, errors);
    assert.match(again.html, /value="petra"/, 'the username is kept');
  });

  it('opens the new-password page from an emailed ResetPassword link', async () => {
    const browser = new Browser(server.baseUrl);
    const first = await browser.get('/login?realm=/alpha&authIndexType=service&authIndexValue=ResetPassword');
    const suspended = await browser.post(fill(first.html, { [fieldNamed(first.html, 'Email Address')]: 'omar@example.com' }));
    assert.match(suspended.html, /An email has been sent/);
    assert.doesNotMatch(suspended.html, /<button type="submit">Next<\/button>/);
    await server.flushMail();
    const [mail] = mailTo(sink, 'omar@example.com');
    assert.ok(mail !== undefined);
    const link = resumeLinkOf(mail);
    assert.equal(link.pathname, '/login');
    const page = await new Browser(server.baseUrl).get(`${link.pathname}${link.search}`);
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /<h1>Reset Password<\/h1>/);
    assert.match(page.html, /type="password" autocomplete="new-password" required aria-describedby="IDToken1-rules">/);
    const replay = await new Browser(server.baseUrl).get(`${link.pathname}${link.search}`);
    assert.equal(replay.status, 401);
    assert.match(replay.html, /This link has expired or has already been used\./);
  });

  it('refuses a post without the browser\'s CSRF token, or from another origin', async () => {
    const browser = new Browser(server.baseUrl);
    const first = await browser.get(LOGIN);
    const answers = { [fieldNamed(first.html, 'User Name')]: 'omar', [fieldNamed(first.html, 'Password')]: 'Omar-Passw0rd1' };
    const attacker = new Browser(server.baseUrl);
    const forged = await attacker.post(fill(first.html, answers));
    assert.equal(forged.status, 403);
    assert.match(forged.html, /role="alert">This form could not be verified/);
    assert.match(forged.html, />Start again<\/a>/);
    const wrongToken = fill(first.html, answers);
    wrongToken.set('csrf', 'x'.repeat(43));
    assert.equal((await browser.post(wrongToken)).status, 403);
    assert.equal((await browser.post(fill(first.html, answers), { origin: 'https://evil.example' })).status, 403);
    const signedIn = await browser.post(fill(first.html, answers));
    assert.equal(signedIn.status, 303, 'the real form still works: the refusals did not use the step');
  });

  it('starts again with a message when the page has expired', async () => {
    const browser = new Browser(server.baseUrl);
    const first = await browser.get(LOGIN);
    const body = fill(first.html, { [fieldNamed(first.html, 'User Name')]: 'omar', [fieldNamed(first.html, 'Password')]: 'Omar-Passw0rd1' });
    server.clock.advance(24 * 60 * 60_000);
    const restarted = await browser.post(body);
    assert.equal(restarted.status, 200);
    assert.match(restarted.html, /role="alert">This page expired or was already used\. Please start again\./);
    assert.match(restarted.html, /<h1>Sign In<\/h1>/);
  });

  it('shows a page header and description from a journey as text, never as markup', async () => {
    const journey = buildJourney('Hostile', 'managed/alpha_user', [
      {
        key: 'page',
        type: 'PageNode',
        config: { pageHeader: { en: '<script>alert(1)</script>' }, pageDescription: { en: 'Go <a href="#/service/Login">back</a><img src=x onerror=alert(1)>' } },
        children: [{ type: 'UsernameCollectorNode' }],
        connections: { outcome: 'success' },
      },
    ]);
    const imported = await importJourneyJson(server, { trees: { Hostile: journey } }, 'alpha');
    assert.equal(imported.code, 0, imported.err);
    const page = await new Browser(server.baseUrl).get('/login?realm=/alpha&journey=Hostile');
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
    assert.match(page.html, /Go <a href="\/login\?realm=%2Falpha&amp;authIndexType=service&amp;authIndexValue=Login">back<\/a>&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(page.html.replace('<script src="/login/pages.js" defer></script>', ''), /<script|<img/);
  });

  it('speaks the language chosen with the switcher, keeps it in a cookie, and fails in it too', async () => {
    const browser = new Browser(server.baseUrl);
    const goto = encodeURIComponent('/app/home');
    const french = await browser.get(`${LOGIN}&goto=${goto}&locale=fr`);
    assert.equal(french.status, 200, french.html);
    assert.match(french.html, /<html lang="fr">/);
    assert.match(french.html, /<h1>Connexion<\/h1>/);
    assert.match(french.html, /<a href="\/login\?realm=%2Falpha&amp;authIndexType=service&amp;authIndexValue=Registration">Créer un compte<\/a>/);
    assert.match(french.html, /<button type="submit">Suivant<\/button>/);
    assert.equal(french.headers.getSetCookie().find((line) => line.startsWith('arbor-locale=')), 'arbor-locale=fr; Path=/; Max-Age=31536000; SameSite=Lax');
    const here = '/login?realm=%2Falpha&amp;authIndexType=service&amp;authIndexValue=Login&amp;goto=%2Fapp%2Fhome&amp;locale=';
    assert.ok(
      french.html.includes(
        `<nav class="languages" aria-label="Langue"><ul><li><a href="${here}en" lang="en" hreflang="en">English</a></li><li><a href="${here}fr" lang="fr" hreflang="fr" aria-current="true">Français</a></li>` +
          `<li><a href="${here}nl" lang="nl" hreflang="nl">Nederlands</a></li><li><a href="${here}de" lang="de" hreflang="de">Deutsch</a></li></ul></nav>`,
      ),
      french.html,
    );

    const again = await browser.get(LOGIN);
    assert.match(again.html, /<html lang="fr">/, 'the cookie keeps the choice over Accept-Language');
    const failed = await browser.post(fill(again.html, { [fieldNamed(again.html, 'Nom d’utilisateur')]: 'omar', [fieldNamed(again.html, 'Mot de passe')]: 'wrong' }));
    assert.equal(failed.status, 401);
    assert.match(failed.html, /<h1>Échec de la connexion<\/h1><p class="message error" role="alert">Échec de la connexion<\/p><p><a href="[^"]+">Recommencer<\/a>/);
  });

  it('follows Accept-Language, and hands the language to the journey: German terms and security questions on Registration', async () => {
    const browser = new Browser(server.baseUrl, 'de-CH, en;q=0.5');
    const page = await browser.get('/login?realm=/alpha&journey=Registration');
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /<html lang="de">/);
    assert.match(page.html, /<h1>Registrieren<\/h1>/);
    for (const label of ['Benutzername', 'Vorname', 'Nachname', 'E-Mail-Adresse', 'Passwort', 'Antwort', 'Ich akzeptiere die Allgemeinen Geschäftsbedingungen']) assert.match(page.html, new RegExp(`>${label}</label>`), label);
    assert.match(page.html, /<option value="Was ist Ihre Lieblingsfarbe\?">Was ist Ihre Lieblingsfarbe\?<\/option>/, 'the journey asks in the page’s language');
    assert.match(page.html, /Dies ist der Beispieltext der Allgemeinen Geschäftsbedingungen/);
    assert.doesNotMatch(page.html, /Lorem ipsum|favorite color/);
    assert.equal(page.headers.getSetCookie().filter((line) => line.startsWith('arbor-locale=')).length, 0, 'only the switcher sets the cookie');
  });
});
