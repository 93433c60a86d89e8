/**
 * The self-service journey pages in Chromium against a real Arbor on loopback and a real SMTP
 * server: ResetPassword asks for the email, the emailed link opens the new-password page, which
 * shows a failed policy and then takes a valid password, which signs in on the Login page (the old
 * one does not), and the link opened again says it was used; ForgottenUsername emails the username
 * and its link opens the Sign In page; a journey verifying security questions shows the lockout
 * message after too many wrong answers. The ResetPassword pages have no serious or critical
 * accessibility violations in light and dark, and are saved as screenshots in light and dark,
 * desktop and mobile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import type { RestApi } from '../helpers/self-service.ts';
import { addUser, adminClient, importJourneyJson, kbaCheckJourney, mailTo, readUser, resumeLinkOf, startConfiguredSmtp } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { axeViolations, startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { fieldErrors, fillRegistration, fillSignIn, headingOf, pressAndLand, pressAndPost, sessionCookieOf } from './page-forms.ts';

const RESET = '/login?realm=alpha&journey=ResetPassword';
const EMAIL_SENT = 'An email has been sent to the address you entered. Click the link in that email to proceed.';
const ANSWERS: Record<string, string> = { "What's your favorite color?": 'Dark Blue', 'Who was your first employer?': 'Acme Brewing' };

describe('the self-service pages in Chromium with a real SMTP server', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let admin: RestApi;
  let sink: SmtpSink;
  let harness: BrowserHarness;

  /** The emailed link, opened on this server (the link names the configured public URL, which is not the test's port). */
  const onServer = (link: URL): string => {
    assert.equal(link.pathname, '/login', `the link opens the journey pages: ${link.href}`);
    return `${server.baseUrl}${link.pathname}${link.search}`;
  };

  /** Delivers the outbox and returns the newest message's resume link to `address`, asserting one more arrived than `before`. */
  const newestLink = async (address: string, before: number): Promise<{ link: URL; text: string; html: string }> => {
    await server.flushMail();
    const messages = mailTo(sink, address);
    assert.equal(messages.length, before + 1, `one more email reached ${address}`);
    const message = messages.at(-1);
    assert.ok(message !== undefined);
    return { link: resumeLinkOf(message), text: message.text ?? '', html: typeof message.html === 'string' ? message.html : '' };
  };

  /** On `page`: opens ResetPassword, types `mail` and sends it; the page then says an email was sent. Returns the emailed link. */
  const requestReset = async (page: Page, mail: string): Promise<string> => {
    const before = mailTo(sink, mail).length;
    assert.equal((await page.goto(`${server.baseUrl}${RESET}`))?.status(), 200);
    assert.equal(await headingOf(page), 'Reset Password');
    await page.getByLabel('Email Address', { exact: true }).fill(mail);
    assert.equal((await pressAndPost(page)).status(), 200);
    assert.equal(((await page.locator('main').textContent()) ?? '').includes(EMAIL_SENT), true, 'the page says an email was sent');
    assert.equal(await page.getByRole('button').count(), 0, 'the waiting page has no button');
    const { link } = await newestLink(mail, before);
    assert.equal(link.searchParams.get('authIndexValue'), 'ResetPassword');
    return onServer(link);
  };

  before(async () => {
    [harness, server] = await Promise.all([startBrowser('self-service'), startTestServer()]);
    admin = await adminClient(server);
    sink = await startConfiguredSmtp(admin);
    await addUser(server, 'alpha', 'hana', 'Old-Passw0rd1', { mail: 'hana@example.com', givenName: 'Hana', sn: 'Ito' }, { termsAccepted: true });
    await addUser(server, 'alpha', 'ines.vermeulen', 'Secret-Passw0rd', { mail: 'ines@example.com', givenName: 'Ines', sn: 'Vermeulen' }, { termsAccepted: true });
    await addUser(server, 'alpha', 'shots', 'Shots-Passw0rd1', { mail: 'shots@example.com' }, { termsAccepted: true });
  });
  after(async () => {
    await harness?.close();
    await sink?.stop();
    await server?.close();
  });

  it('resets a password from the emailed link: a failed policy first, then the new password signs in and the old does not; the link works once', async () => {
    const page = await harness.newPage();
    const link = await requestReset(page, 'hana@example.com');

    assert.equal((await page.goto(link))?.status(), 200);
    assert.equal(await headingOf(page), 'Reset Password');
    assert.match((await page.locator('main').textContent()) ?? '', /Change password/);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('short');
    assert.equal((await pressAndPost(page)).status(), 200);
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.match((await (await fieldErrors(page, password)).textContent()) ?? '', /Use at least \d+ characters\./);
    await password.fill('New-Passw0rd2');
    await pressAndLand(page, '/login/done');

    const signIn = async (secret: string): Promise<number> => {
      const login = await harness.newPage();
      await login.goto(`${server.baseUrl}/login?realm=alpha&journey=Login`);
      await fillSignIn(login, 'hana', secret);
      const status = (await pressAndPost(login)).status();
      if (status === 303) assert.match((await login.locator('main').textContent()) ?? '', /You are signed in as hana\./);
      return status;
    };
    assert.equal(await signIn('New-Passw0rd2'), 303, 'the new password signs in');
    assert.equal(await signIn('Old-Passw0rd1'), 401, 'the old password does not');

    const again = await harness.newPage();
    assert.equal((await again.goto(link))?.status(), 401);
    assert.equal(await headingOf(again), 'Link expired');
    assert.equal(await again.getByRole('alert').textContent(), 'This link has expired or has already been used.');
  });

  it('titles the page that says the reset email was sent after the journey, not "Sign in"', async () => {
    const page = await harness.newPage();
    await requestReset(page, 'shots@example.com');
    assert.notEqual((await headingOf(page)).toLowerCase(), 'sign in', 'a person resetting their password is not signing in');
  });

  it('emails the username; the link opens the Sign In page, where the user signs in', async () => {
    const page = await harness.newPage();
    const before = mailTo(sink, 'ines@example.com').length;
    await page.goto(`${server.baseUrl}/login?realm=alpha&journey=ForgottenUsername`);
    assert.equal(await headingOf(page), 'Forgotten Username');
    await page.getByLabel('Email Address', { exact: true }).fill('ines@example.com');
    assert.equal((await pressAndPost(page)).status(), 200);
    assert.match((await page.locator('main').textContent()) ?? '', /An email has been sent/);
    const { link, text, html } = await newestLink('ines@example.com', before);
    assert.ok(text.includes('ines.vermeulen') && html.includes('ines.vermeulen'), `the username is in the email: ${text}`);
    assert.equal(link.searchParams.get('authIndexValue'), 'ForgottenUsername');

    assert.equal((await page.goto(onServer(link)))?.status(), 200);
    assert.equal(await headingOf(page), 'Sign In');
    await fillSignIn(page, 'ines.vermeulen', 'Secret-Passw0rd');
    await pressAndLand(page, '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as ines\.vermeulen\./);
    assert.ok((await sessionCookieOf(page, server.baseUrl)) !== undefined);
  });

  describe('security questions with a retry limit', () => {
    before(async () => {
      const journey = kbaCheckJourney();
      const imported = await importJourneyJson(server, journey, 'alpha');
      assert.equal(imported.code, 0, imported.out + imported.err);
      const kba = await admin('GET', '/openidm/config/selfservice.kba');
      assert.equal((await admin('PUT', '/openidm/config/selfservice.kba', { ...kba.json, numberOfAttemptsAllowed: 2 })).status, 200);

      // Lena signs up on the Registration page, choosing the first two questions.
      const page = await harness.newPage();
      await page.goto(`${server.baseUrl}/login?realm=alpha&journey=Registration`);
      await fillRegistration(page, { userName: 'lena', password: 'Secret-Passw0rd', givenName: 'Lena', sn: 'Berg', mail: 'lena@example.com', answers: ['Dark Blue', 'Acme Brewing'] });
      await pressAndLand(page, '/login/done');
      assert.equal(((await readUser(admin, 'alpha_user', 'lena')).kbaInfo as unknown[]).length, 2);
    });

    /** Opens KbaCheck, types Lena's email and, when a question is asked, `answer(question)`; the page the browser shows last. */
    const verify = async (answer: (question: string) => string): Promise<{ page: Page; status: number; asked: boolean }> => {
      const page = await harness.newPage();
      await page.goto(`${server.baseUrl}/login?realm=alpha&journey=KbaCheck`);
      assert.equal(await headingOf(page), 'Verify your identity');
      await page.getByLabel('Email Address', { exact: true }).fill('lena@example.com');
      const first = await pressAndPost(page);
      if (first.status() !== 200) return { page, status: first.status(), asked: false };
      const field = page.locator('input[type=password]');
      assert.equal(await field.count(), 1, 'one question is asked');
      const question = ((await page.locator(`label[for="${(await field.getAttribute('id')) ?? ''}"]`).textContent()) ?? '').trim();
      assert.ok(Object.hasOwn(ANSWERS, question), `a question Lena chose: "${question}"`);
      await page.getByLabel(question, { exact: true }).fill(answer(question));
      return { page, status: (await pressAndPost(page)).status(), asked: true };
    };

    it('signs in with the right answer, then shows the lockout message after the allowed number of wrong answers', async (t) => {
      const right = await verify((question) => ` ${(ANSWERS[question] ?? '').toUpperCase()} `);
      assert.equal(right.status, 303);
      assert.match((await right.page.locator('main').textContent()) ?? '', /You are signed in as lena\./);

      const first = await verify(() => 'Wrong');
      assert.deepEqual([first.status, await first.page.getByRole('alert').textContent()], [401, 'Login failure']);
      const second = await verify(() => 'Still wrong');
      assert.deepEqual([second.status, await second.page.getByRole('alert').textContent()], [401, 'Maximum attempts exceeded']);
      t.diagnostic(`lockout page: ${await harness.screenshot(second.page, 'kba-lockout')}`);

      const locked = await verify(() => 'Dark Blue');
      assert.equal(locked.asked, false, 'no question is asked any more');
      assert.deepEqual([locked.status, await locked.page.getByRole('alert').textContent()], [401, 'Maximum attempts exceeded']);
      assert.equal(await locked.page.getByRole('link', { name: 'Start again' }).count(), 1);
    });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical accessibility violations on the ResetPassword pages in ${colorScheme} (axe-core)`, async (t) => {
      const page = await harness.newPage({ bypassCSP: true, colorScheme });
      await page.goto(`${server.baseUrl}${RESET}`);
      const first = await axeViolations(page);
      const link = await requestReset(page, 'shots@example.com');
      await page.goto(link);
      await page.getByLabel('Password', { exact: true }).fill('short');
      await pressAndPost(page);
      await page.getByRole('alert').first().waitFor();
      const newPassword = await axeViolations(page);
      t.diagnostic(`axe-core on the email page (${colorScheme}): ${first.all.length === 0 ? 'no violations' : first.all.join('; ')}`);
      t.diagnostic(`axe-core on the new-password page with a policy failure (${colorScheme}): ${newPassword.all.length === 0 ? 'no violations' : newPassword.all.join('; ')}`);
      assert.deepEqual([...first.blocking, ...newPassword.blocking], []);
    });
  }

  it('saves screenshots of the ResetPassword pages in light and dark, desktop and mobile', async (t) => {
    const shots: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of ['desktop', 'mobile'] as const) {
        const suffix = `${colorScheme}-${width}`;
        const page = await harness.newPage({ colorScheme, width });
        await page.goto(`${server.baseUrl}${RESET}`);
        shots.push(await harness.screenshot(page, `reset-email-${suffix}`));
        const link = await requestReset(page, 'shots@example.com');
        shots.push(await harness.screenshot(page, `reset-email-sent-${suffix}`));
        await page.goto(link);
        shots.push(await harness.screenshot(page, `reset-new-password-${suffix}`));
      }
    }
    t.diagnostic(`screenshots: ${shots.join(', ')}`);
    assert.equal(shots.length, 12);
  });
});
