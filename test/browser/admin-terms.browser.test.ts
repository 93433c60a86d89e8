/**
 * The admin app's Terms and Security questions sections in Chromium against a real Arbor on
 * loopback. amadmin writes terms version 2.0 as a draft (English and French, the server-rendered
 * preview following the text, a locale added and removed), saves it, publishes it and makes it
 * active, and edits the display texts of the acceptance page (a text too long marked beside its
 * field first); a user who had accepted the old version signs in to alpha's Login page and is
 * asked to accept 2.0, whose text the page shows under the display title and purpose, with the
 * display text on its button. A draft published behind the editor's back is refused by
 * the server (409) and the editor says so in the server's words. In Security questions, a question
 * in English and Dutch is added and saved, and the public `GET /openidm/selfservice/kba` offers
 * it; a minimum to verify above the minimum to define gets the server's 400 message beside the
 * field, and nothing is stored. Screenshots: `test-output/screenshots/admin-terms-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { RestApi } from '../helpers/self-service.ts';
import { ADMIN_PASSWORD, adminClient, addUser, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { fillSignIn, pressAndLand, pressAndPost } from './page-forms.ts';
import { recordPageProblems } from './page-problems.ts';

const TERMS_V2 = '# Terms of Service v2\n\nWe changed **everything**.\n\n<script>window.hacked = true</script>\n\n[Click](javascript:alert(1))';

describe('the admin app terms and security questions in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let admin: RestApi;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-terms'), startTestServer({ ownPublicUrl: true })]);
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'tessa', 'Quiet-Harbor-42', { givenName: 'Tessa' }, { termsAccepted: true });
    page = await harness.newPage();
    // The check before signing in (401), the refused minimums (400) and the refused change of a published version (409) are expected failed loads.
    problems = recordPageProblems(page, /^40[019]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  type StoredTerms = {
    versions: { version: string; status?: string; createDate: string; termsTranslations: Record<string, string> }[];
    active?: string;
    uiConfig?: Record<string, unknown>;
  };

  async function storedTerms(): Promise<StoredTerms> {
    const answer = await admin('GET', '/openidm/config/selfservice.terms');
    assert.equal(answer.status, 200);
    return answer.json as StoredTerms;
  }

  it('signs amadmin in and lists the terms versions with the active one', async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Terms' }).click();
    await page.getByRole('heading', { name: 'Terms and conditions', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/terms');
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: '0.0', exact: true }) });
    assert.match((await row.textContent()) ?? '', /Active.*en, fr, nl, de/);
  });

  it('writes version 2.0 as a draft with a live, sanitized preview per locale', async () => {
    await page.getByRole('button', { name: 'New version', exact: true }).click();
    await page.getByRole('heading', { name: 'New terms version', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Version', { exact: true }).inputValue(), '1.0', 'the next free whole version is suggested');
    await page.getByLabel('Version', { exact: true }).fill('2.0');
    await page.getByLabel('Markdown (en)').fill(TERMS_V2);
    const preview = page.getByRole('region', { name: 'Preview (en)' });
    await preview.getByRole('heading', { name: 'Terms of Service v2', level: 1 }).waitFor();
    assert.equal(await preview.locator('strong').textContent(), 'everything');
    assert.equal(await preview.locator('script').count(), 0, 'the server sanitized the script away');
    assert.match((await preview.textContent()) ?? '', /Click/);
    assert.equal(await preview.locator('a[href]').count(), 0, 'a javascript: link loses its target');
    assert.equal(await page.evaluate(() => 'hacked' in window), false);

    for (const locale of ['fr', 'nl']) {
      await page.getByLabel('Locale to add').fill(locale);
      await page.getByRole('button', { name: 'Add locale', exact: true }).click();
    }
    await page.getByLabel('Markdown (fr)').fill('# Conditions v2\n\nTout a changé.');
    await page.getByRole('region', { name: 'Preview (fr)' }).getByRole('heading', { name: 'Conditions v2' }).waitFor();
    await page.getByRole('button', { name: 'Remove nl', exact: true }).click();
    assert.equal(await page.getByLabel('Markdown (nl)').count(), 0);
    await page.getByLabel('Locale to add').fill('fr');
    await page.getByRole('button', { name: 'Add locale', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The draft already has fr.' }).waitFor();
    await harness.screenshot(page, 'editor');

    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved draft 2.0.' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/terms/versions/2.0');
    await page.getByRole('heading', { name: 'Terms version 2.0', level: 1 }).waitFor();
    const draft = (await storedTerms()).versions.find((version) => version.version === '2.0');
    assert.deepEqual(draft, { version: '2.0', termsTranslations: { en: TERMS_V2, fr: '# Conditions v2\n\nTout a changé.' }, createDate: draft?.createDate, status: 'draft' });
  });

  it('publishes 2.0 and makes it active from the list', async () => {
    await page.getByRole('button', { name: 'Back to versions', exact: true }).click();
    await page.getByRole('heading', { name: 'Terms and conditions', level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Make 2.0 active' }).count(), 0, 'a draft cannot be made active');
    await harness.screenshot(page, 'list-draft');
    await page.getByRole('button', { name: 'Publish 2.0', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Published 2.0' }).waitFor();
    await page.getByRole('button', { name: 'Make 2.0 active', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '2.0 is now the active version' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: '2.0', exact: true }) });
    assert.match((await row.textContent()) ?? '', /Active/);
    await harness.screenshot(page, 'list');
    const stored = await storedTerms();
    assert.equal(stored.active, '2.0');
    assert.equal(stored.versions.find((version) => version.version === '2.0')?.status, 'published');
  });

  it('edits the display texts of the acceptance page: a text too long is marked first, then they are saved', async () => {
    const display = page.getByRole('form', { name: 'Display texts' });
    assert.equal(await display.getByLabel('Title', { exact: true }).inputValue(), "We've updated our terms", 'the stored default');
    assert.equal(await display.getByLabel('Button text', { exact: true }).inputValue(), 'Accept');
    await display.getByLabel('Title', { exact: true }).fill('Our terms have changed');
    await display.getByLabel('Purpose', { exact: true }).fill('Please read version 2.0 and accept it to continue.');
    await display.getByLabel('Button text', { exact: true }).fill('x'.repeat(41));
    await display.getByRole('button', { name: 'Save display texts', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Some texts need attention' }).waitFor();
    assert.equal(await display.getByLabel('Button text', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.locator('#terms-display-buttonText-error').filter({ hasText: 'At most 40 characters (41 now).' }).waitFor();
    assert.equal((await storedTerms()).uiConfig?.displayName, "We've updated our terms", 'nothing sent');
    await harness.screenshot(page, 'display-refused');

    await display.getByLabel('Button text', { exact: true }).fill('Agree and continue');
    await display.getByRole('button', { name: 'Save display texts', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the display texts.' }).waitFor();
    assert.equal(await display.getByLabel('Button text', { exact: true }).getAttribute('aria-invalid'), null);
    await harness.screenshot(page, 'display');
    const stored = await storedTerms();
    assert.deepEqual(stored.uiConfig, { displayName: 'Our terms have changed', purpose: 'Please read version 2.0 and accept it to continue.', buttonText: 'Agree and continue' });
    assert.equal(stored.active, '2.0', 'the versions are untouched');
  });

  it('asks a user who accepted the old version to accept 2.0 when they sign in to alpha, with the display texts', async () => {
    const user = await harness.newPage();
    await user.goto(`${server.baseUrl}/login?realm=alpha&journey=Login`);
    await fillSignIn(user, 'tessa', 'Quiet-Harbor-42');
    await pressAndPost(user);
    // The page's heading, then the terms' own (Markdown's `#` stays a first-level heading on the page).
    await user.getByRole('heading', { name: 'Terms and Conditions', level: 1 }).waitFor();
    await user.getByRole('heading', { name: 'Our terms have changed', level: 2 }).waitFor();
    assert.match((await user.locator('main').textContent()) ?? '', /Our terms have changed\s*Please read version 2\.0 and accept it to continue\.\s*Terms of Service v2[\s\S]*We changed everything/);
    assert.equal(await user.getByRole('button', { name: 'Next', exact: true }).count(), 0, 'the button says the display text');
    await harness.screenshot(user, 'user-asked');
    await user.getByRole('checkbox', { name: 'I accept the terms and conditions' }).check();
    await pressAndLand(user, '/login/done', 'Agree and continue');
    const meta = (await readUser(admin, 'alpha_user', 'tessa'))._meta as { termsAccepted?: { termsVersion?: unknown } };
    assert.equal(meta.termsAccepted?.termsVersion, '2.0');
  });

  it("copies a published version into a new draft, and shows the server's 409 when that draft is published behind the editor's back", async () => {
    await page.getByRole('button', { name: '2.0', exact: true }).click();
    await page.getByRole('heading', { name: 'Terms version 2.0', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Preview (fr)' }).getByRole('heading', { name: 'Conditions v2' }).waitFor();
    assert.equal(await page.getByLabel('Markdown (en)').count(), 0, 'a published version is read-only');
    await page.getByRole('button', { name: 'New draft from this version', exact: true }).click();
    await page.getByRole('heading', { name: 'New terms version', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Version', { exact: true }).inputValue(), '3.0');
    assert.equal(await page.getByLabel('Markdown (en)').inputValue(), TERMS_V2, 'the copy starts from 2.0’s texts');
    await page.getByRole('button', { name: 'Remove fr', exact: true }).click();
    await page.getByLabel('Markdown (en)').fill('Three');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved draft 3.0.' }).waitFor();
    const stored = await storedTerms();
    const published = await admin('PUT', '/openidm/config/selfservice.terms', { ...stored, versions: stored.versions.map((version) => (version.version === '3.0' ? { ...version, status: 'published' } : version)) });
    assert.equal(published.status, 200);
    await page.getByLabel('Markdown (en)').fill('Three, changed');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Terms version "3.0" is published and cannot change its text; add a new version instead' }).waitFor();
    assert.deepEqual((await storedTerms()).versions.find((version) => version.version === '3.0')?.termsTranslations, { en: 'Three' });
  });

  it('adds a security question in English and Dutch, which the login UI is then offered', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Security questions' }).click();
    await page.getByRole('heading', { name: 'Security questions', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Question 1, English (en)').inputValue(), "What's your favorite color?");
    await page.getByRole('button', { name: 'Add question', exact: true }).click();
    await page.getByLabel('Question 3, English (en)').fill('What was the name of your first pet?');
    await page.getByLabel('Locale to add to question 3').fill('nl');
    await page.getByRole('button', { name: 'Add locale to question 3', exact: true }).click();
    await page.getByLabel('Question 3, Dutch (nl)').fill('Hoe heette uw eerste huisdier?');
    await page.getByRole('button', { name: 'Remove de from question 2', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: 3 questions offered.' }).waitFor();
    await harness.screenshot(page, 'security-questions');
    const offered = await fetch(`${server.baseUrl}/openidm/selfservice/kba`);
    const { questions } = (await offered.json()) as { questions: Record<string, Record<string, string>> };
    assert.deepEqual(questions['3'], { en: 'What was the name of your first pet?', nl: 'Hoe heette uw eerste huisdier?' });
    assert.equal(questions['2']?.de, undefined, 'the removed locale is gone');
  });

  it("shows the server's 400 beside the minimum it concerns, and stores nothing", async () => {
    await page.getByLabel('Minimum answers to verify').fill('5');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'minimumAnswersToVerify (5) must not exceed minimumAnswersToDefine (2)' }).waitFor();
    assert.equal(await page.getByLabel('Minimum answers to verify').getAttribute('aria-invalid'), 'true');
    await harness.screenshot(page, 'security-questions-refused');
    const stored = await admin('GET', '/openidm/config/selfservice.kba');
    assert.equal((stored.json as { minimumAnswersToVerify: number }).minimumAnswersToVerify, 1);
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
