/**
 * The Login and Registration pages in French, Dutch and German in a real browser (Chromium through
 * playwright-core) against a real Arbor on loopback, chosen by the browser's language and by the
 * language switcher: `<html lang>` is the language, and no English is left anywhere a person sees
 * or hears it (visible text, labels, buttons, options, the title, alt texts and aria-labels).
 * Every English text of the pages' catalogue counts, Arbor's English defaults (prompts, default
 * journey texts, security questions) included, and the default terms' placeholder. Screenshots of
 * the French Login and the German Registration go to `test-output/screenshots/`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { LOGIN_MESSAGES } from '../../src/pages/i18n/login-messages.ts';
import type { PageLanguage } from '../../src/pages/i18n/page-language.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';

const PAGES = { Login: '/login?realm=alpha&journey=Login', Registration: '/login?realm=alpha&journey=Registration' } as const;
const LANGUAGES = [
  ['fr', 'fr-FR'],
  ['nl', 'nl-BE'],
  ['de', 'de-DE'],
] as const;

/** Collapses whitespace, as a person reads it. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The English texts that must not appear on a page in `language`: each English text of the
 * catalogue that the language translates differently, the plain text of those with journey links
 * and each piece between their links, and the default terms' Lorem ipsum.
 */
function englishTexts(language: PageLanguage): string[] {
  const english = LOGIN_MESSAGES.texts.en;
  const translated = LOGIN_MESSAGES.texts[language];
  const texts = new Set<string>(['Lorem ipsum']);
  for (const id of Object.keys(english) as (keyof typeof english)[]) {
    if (english[id] === translated[id]) continue;
    const text = english[id].replace(/\{[A-Za-z0-9_]+\}/g, ' ');
    texts.add(normalized(text.replace(/<br>/g, ' ').replace(/<[^>]+>/g, '')));
    for (const piece of text.split(/<[^>]+>/)) if (normalized(piece).length >= 4) texts.add(normalized(piece));
  }
  const ownWords = new Set(Object.values(translated).map(normalized));
  return [...texts].filter((text) => text.length >= 2 && !ownWords.has(text));
}

/** True when `english` stands in `text` as words of its own (not inside a longer word: `Continue` in `Continuer`). */
function contains(text: string, english: string): boolean {
  const escaped = english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u').test(text);
}

/** What a person sees or hears on `page`: its visible text, labels, buttons, options, title, alt texts and aria-labels. */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (parent !== null && parent.checkVisibility()) texts.push(walker.currentNode.textContent ?? '');
    }
    for (const element of document.querySelectorAll('h1, p, label, legend, button, option, a, li, section')) texts.push((element as HTMLElement).innerText);
    for (const element of document.querySelectorAll('[alt], [aria-label], [title], [placeholder]')) {
      for (const name of ['alt', 'aria-label', 'title', 'placeholder']) texts.push(element.getAttribute(name) ?? '');
    }
    return texts;
  });
}

/** Asserts that `page` is in `language` with no English text left. */
async function assertNoEnglish(page: Page, language: PageLanguage, where: string): Promise<void> {
  assert.equal(await page.locator('html').getAttribute('lang'), language, where);
  const texts = (await pageTexts(page)).map(normalized).filter((text) => text !== '');
  assert.ok(texts.length > 10, `${where}: ${texts.length} texts`);
  const left = englishTexts(language).flatMap((english) => texts.filter((text) => text === english || (english.length >= 5 && contains(text, english))).map((text) => `"${english}" in "${text}"`));
  assert.deepEqual(left, [], `${where}: English left`);
}

describe('the journey pages in French, Dutch and German in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;

  before(async () => {
    [harness, server] = await Promise.all([startBrowser('page-languages'), startTestServer()]);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  for (const [language, locale] of LANGUAGES) {
    it(`shows Login and Registration in ${language} with no English, for a browser set to ${locale}`, async (t) => {
      const page = await harness.newPage({ locale });
      for (const [name, url] of Object.entries(PAGES)) {
        const response = await page.goto(`${server.baseUrl}${url}`);
        assert.equal(response?.status(), 200, name);
        await assertNoEnglish(page, language, `${name} (${locale})`);
        if (language === 'fr' && name === 'Login') t.diagnostic(`French Login: ${await harness.screenshot(page, 'login-fr')}`);
        if (language === 'de' && name === 'Registration') t.diagnostic(`German Registration: ${await harness.screenshot(page, 'registration-de')}`);
      }
    });

    it(`switches an English Login to ${language} with the language link, and Registration follows`, async () => {
      const page = await harness.newPage({ locale: 'en-GB' });
      await page.goto(`${server.baseUrl}${PAGES.Login}`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      const switcher = page.locator('nav.languages');
      assert.equal(await switcher.locator('a[aria-current="true"]').getAttribute('hreflang'), 'en');
      await Promise.all([page.waitForURL((url) => url.searchParams.get('locale') === language), switcher.locator(`a[hreflang="${language}"]`).click()]);
      assert.equal(await switcher.locator('a[aria-current="true"]').getAttribute('lang'), language);
      await assertNoEnglish(page, language, `Login (switcher ${language})`);
      await page.goto(`${server.baseUrl}${PAGES.Registration}`);
      await assertNoEnglish(page, language, `Registration (remembered ${language})`);
    });
  }
});
