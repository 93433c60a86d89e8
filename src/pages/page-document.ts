/**
 * The HTML documents of the pages: a step's form, an error with a way to start again, and the
 * "signed in" page, in the page's language, each with the language switcher and the realm's
 * theme (its stylesheet and logo). Plain semantic HTML, no script; every value from outside is
 * escaped here or by the callback renderers.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { escapeHtml } from './html-escape.ts';
import { loginText } from './i18n/login-messages.ts';
import type { PageLanguage } from './i18n/page-language.ts';
import { PAGE_LANGUAGES } from './i18n/page-language.ts';
import { pageText } from './known-texts.ts';
import { callbackMessages } from './i18n/callback-messages.ts';
import { translator } from './i18n/define-catalog.ts';
import { PAGE_SCRIPT_PATH } from './page-script.ts';
import { journeyPageUrl, pageTextHtml } from './page-text.ts';
import type { TermsDisplay } from '../selfservice/terms/terms-display.ts';
import type { TermsRenderer } from './render-callbacks.ts';
import { renderCallbacks } from './render-callbacks.ts';
import { termsDisplayParts } from './render-terms-display.ts';

/** Where the stylesheet is served. */
export const STYLESHEET_PATH = '/login/pages.css';

/** Each language's name in that language, for the switcher. */
const LANGUAGE_NAMES: Readonly<Record<PageLanguage, string>> = { en: 'English', fr: 'Français', nl: 'Nederlands', de: 'Deutsch' };

/** What a page shows of its realm's theme. */
export interface PageThemeLinks {
  /** The theme stylesheet's URL, when the theme sets colours or a font. */
  stylesheet?: string;
  /** The logo's checked URL. */
  logoUrl?: string;
  /** The logo's alt text: the realm's name. */
  realmName: string;
}

/** The page-wide facts every document needs. */
export interface PageContext {
  /** The page's language (`<html lang>`, its texts). */
  lang: PageLanguage;
  /** `/alpha`, `/`. */
  realmPath: string;
  journey: string;
  /** This page as the language links open it again, without `locale` (`/login?realm=…&authIndexValue=Login`); no switcher without it. */
  languageLink?: string;
  theme?: PageThemeLinks;
}

/** `/login?realm=…&authIndexType=service&authIndexValue=…[&goto=…]`: the page that starts a journey. */
export function journeyLink(realmPath: string, journey: string, goto = ''): string {
  if (journey === '') return `/login?${new URLSearchParams({ realm: realmPath }).toString()}`;
  return goto === '' ? journeyPageUrl(realmPath, journey) : `${journeyPageUrl(realmPath, journey)}&${new URLSearchParams({ goto }).toString()}`;
}

/** The language switcher: a link per language to this page in it, the current one marked. */
function languageSwitcher(context: PageContext): string {
  const base = context.languageLink;
  if (base === undefined) return '';
  const separator = base.includes('?') ? '&' : '?';
  const links = PAGE_LANGUAGES.map((language) => {
    const href = `${base}${separator}locale=${language}`;
    const current = language === context.lang ? ' aria-current="true"' : '';
    return `<li><a href="${escapeHtml(href)}" lang="${language}" hreflang="${language}"${current}>${LANGUAGE_NAMES[language]}</a></li>`;
  });
  return `<nav class="languages" aria-label="${escapeHtml(loginText(context.lang)('languageNav'))}"><ul>${links.join('')}</ul></nav>`;
}

/** A whole page: `body` (HTML) inside the pages' layout, titled `title` (text); `head` (HTML) ends the head. */
export function documentHtml(context: PageContext, title: string, body: string, head = ''): string {
  const theme = context.theme;
  const themeSheet = theme?.stylesheet === undefined ? '' : `<link rel="stylesheet" href="${escapeHtml(theme.stylesheet)}">`;
  const logo = theme?.logoUrl === undefined ? '' : `<img class="logo" src="${escapeHtml(theme.logoUrl)}" alt="${escapeHtml(theme.realmName)}">`;
  const top = logo + languageSwitcher(context);
  return (
    `<!doctype html>\n<html lang="${context.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<link rel="stylesheet" href="${STYLESHEET_PATH}">${themeSheet}${head}</head>\n` +
    `<body>${top === '' ? '' : `<header class="top">${top}</header>`}<main><div class="card">${body}</div></main></body></html>\n`
  );
}

function notice(text: string | undefined): string {
  return text === undefined ? '' : `<p class="message error" role="alert">${escapeHtml(text)}</p>`;
}

/** A step of a journey as a form that posts back to `/login`. */
export function stepDocument(
  context: PageContext,
  step: { authId: string; callbacks: CallbackJson[]; header?: string; description?: string; stage?: string },
  form: { csrf: string; goto: string; renderTerms: TermsRenderer; notice?: string; termsDisplay?: TermsDisplay | undefined },
): string {
  const t = loginText(context.lang);
  const fields = renderCallbacks(step.callbacks, form.renderTerms, t, { callbackText: translator(callbackMessages, context.lang), stage: step.stage });
  const terms = termsDisplayParts(step.callbacks, form.termsDisplay, t);
  // Without a header, a step that only says an email was sent is not a sign-in page.
  const emailSent = step.callbacks.length > 0 && step.callbacks.every((callback) => callback.type === 'SuspendedTextOutputCallback');
  const header = step.header === undefined || step.header === '' ? t(emailSent ? 'checkYourEmail' : 'signIn') : pageText(step.header, t);
  const description = step.description === undefined || step.description === '' ? '' : pageText(step.description, t);
  const hiddenFields = [
    ['authId', step.authId],
    ['csrf', form.csrf],
    ['realm', context.realmPath],
    ['journey', context.journey],
    ['goto', form.goto],
    ...step.callbacks.map((callback) => ['callback', callback.type]),
  ]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name ?? '')}" value="${escapeHtml(value ?? '')}">`)
    .join('');
  const body =
    `<h1>${pageTextHtml(header, context.realmPath)}</h1>` +
    (description === '' ? '' : `<p class="description">${pageTextHtml(description, context.realmPath)}</p>`) +
    notice(form.notice) +
    `<form method="post" action="/login">${hiddenFields}\n${terms.html}${fields.html}\n` +
    (fields.submitButton ? `<div class="actions"><button type="submit">${escapeHtml(fields.submitText ?? terms.buttonText ?? t('next'))}</button></div>` : '') +
    '</form>';
  return documentHtml(context, header.replace(/<[^>]*>/g, ''), body, `<script src="${PAGE_SCRIPT_PATH}" defer></script>`);
}

/** A failure or refusal: the reason, and a link that starts the journey again (texts already in the page's language). */
export function errorDocument(context: PageContext, title: string, reason: string): string {
  const again = context.journey === '' ? '' : `<p><a href="${escapeHtml(journeyPageUrl(context.realmPath, context.journey))}">${escapeHtml(loginText(context.lang)('startAgain'))}</a></p>`;
  return documentHtml(context, title, `<h1>${escapeHtml(title)}</h1>${notice(reason)}${again}`);
}

/** The page after a journey that ended well. */
export function doneDocument(context: PageContext, username: string | undefined): string {
  const t = loginText(context.lang);
  const text = username === undefined ? t('doneText') : t('signedInAs', { username });
  return documentHtml(context, t(username === undefined ? 'done' : 'signedIn'), `<h1>${escapeHtml(t(username === undefined ? 'done' : 'youAreSignedIn'))}</h1><p>${escapeHtml(text)}</p>`);
}

/**
 * The way to a provider that takes a POST: the page CSP allows no script, so instead of an
 * auto-submitting form the page shows one "Continue" button posting `data` to `url`.
 */
export function postRedirectDocument(context: PageContext, url: string, data: Readonly<Record<string, string>>): string {
  const t = loginText(context.lang);
  const fields = Object.entries(data)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const body = `<h1>${escapeHtml(t('continueToSignIn'))}</h1><p>${escapeHtml(t('sentToProvider'))}</p><form method="post" action="${escapeHtml(url)}">${fields}<div class="actions"><button type="submit">${escapeHtml(t('continue'))}</button></div></form>`;
  return documentHtml(context, t('continueToSignIn'), body);
}

/**
 * The way to a provider after a form: a form's answer may not redirect to another origin under the
 * page policy (`form-action`), so the browser gets this page, which moves on by itself
 * (`<meta http-equiv="refresh">`, no script) and shows a link to follow when it does not.
 */
export function getRedirectDocument(context: PageContext, url: string): string {
  const t = loginText(context.lang);
  const body = `<h1>${escapeHtml(t('continueToSignIn'))}</h1><p>${escapeHtml(t('continueWithProvider'))}</p><p class="actions"><a class="button" href="${escapeHtml(url)}">${escapeHtml(t('continue'))}</a></p>`;
  return documentHtml(context, t('continueToSignIn'), body, `<meta http-equiv="refresh" content="0; url=${escapeHtml(url)}">`);
}
