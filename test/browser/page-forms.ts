/**
 * How a person fills the journey pages in the browser tests: by the fields' labels and the
 * buttons' names, as they read them. Registration's whole form, the Sign In page, and pressing a
 * page's button while waiting for the answer of the form post it sends.
 */
import type { Locator, Page, Response } from 'playwright-core';

/** What a person types into the alpha Registration page. */
export interface RegistrationEntry {
  userName: string;
  password: string;
  givenName?: string;
  sn?: string;
  mail?: string;
  /** One answer per security question; the n-th question picks the n-th predefined one. */
  answers?: string[];
}

/**
 * Fills every field of the Registration page: username, names, email, password, a different
 * predefined security question with its answer for each question block, and the terms.
 */
export async function fillRegistration(page: Page, entry: RegistrationEntry): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(entry.userName);
  await page.getByLabel('First Name', { exact: true }).fill(entry.givenName ?? 'Test');
  await page.getByLabel('Last Name', { exact: true }).fill(entry.sn ?? 'User');
  await page.getByLabel('Email Address', { exact: true }).fill(entry.mail ?? `${entry.userName}@example.com`);
  const questions = await page.getByLabel('Question', { exact: true }).all();
  for (const [index, question] of questions.entries()) await question.selectOption({ index: index + 1 });
  const answers = await page.getByLabel('Answer', { exact: true }).all();
  for (const [index, answer] of answers.entries()) await answer.fill(entry.answers?.[index] ?? `answer number ${index}`);
  for (const box of await page.locator('input[type=checkbox][required]').all()) await box.check();
  await page.getByLabel('Password', { exact: true }).fill(entry.password);
}

/** Presses the button named `name` and resolves to the answer of the form post it sends. */
export async function pressAndPost(page: Page, name = 'Next'): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST' && new URL(answer.url()).pathname === '/login'), page.getByRole('button', { name, exact: true }).click()]);
  await page.waitForLoadState();
  return response;
}

/**
 * Presses the button named `name` and waits until the browser lands on a path matching `path`;
 * when it does not, fails with the heading and the alerts of the page it shows instead.
 */
export async function pressAndLand(page: Page, path: string | RegExp, name = 'Next'): Promise<void> {
  const matches = (pathname: string): boolean => (typeof path === 'string' ? pathname === path : path.test(pathname));
  await pressAndPost(page, name);
  try {
    await page.waitForURL((url) => matches(url.pathname), { timeout: 5_000 });
  } catch {
    const alerts = await page.getByRole('alert').allTextContents();
    throw new Error(`expected to land on ${String(path)}, but the browser shows ${page.url()}: "${await headingOf(page)}" ${JSON.stringify(alerts)}`);
  }
}

/** Types a name and password into a Sign In page ("User Name", "Password"). */
export async function fillSignIn(page: Page, userName: string, password: string): Promise<void> {
  await page.getByLabel('User Name', { exact: true }).fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

/** The session cookie's value in `page`'s profile for `baseUrl`, or undefined. */
export async function sessionCookieOf(page: Page, baseUrl: string): Promise<string | undefined> {
  const cookie = (await page.context().cookies(baseUrl)).find((entry) => entry.name === 'iPlanetDirectoryPro');
  return cookie === undefined || cookie.value === '' ? undefined : cookie.value;
}

/** The text of the page's first-level heading. */
export async function headingOf(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

/** The error list tied to `field`: the element its `aria-describedby` names that has role alert. */
export async function fieldErrors(page: Page, field: Locator): Promise<Locator> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id !== '');
  if (ids.length === 0) throw new Error('the field describes nothing (no aria-describedby)');
  return page.locator(ids.map((id) => `[id="${id}"][role=alert]`).join(', '));
}
