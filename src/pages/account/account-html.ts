/**
 * The account page's HTML building blocks, shared by its sections and pages: the page facts
 * (language, texts, form token), sections, forms posting to `/account/…` with the form token,
 * buttons with a name for screen readers, alert lists, dates in the page language, journey links
 * and the page's stylesheet link. Every value from outside is escaped here.
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import { escapeHtml } from '../html-escape.ts';
import type { AccountMessageId } from '../i18n/account-messages.ts';
import type { Translate } from '../i18n/define-catalog.ts';
import type { PageLanguage } from '../i18n/page-language.ts';
import type { PageContext } from '../page-document.ts';

/** Where the account page's own stylesheet is served. */
export const ACCOUNT_STYLESHEET_PATH = '/account/account.css';

/** The page's language, its texts and the form token. */
export interface AccountPage {
  context: PageContext;
  lang: PageLanguage;
  t: Translate<AccountMessageId>;
  /** The form token of this browser and session. */
  csrf: string;
}

/** The journey page of `tree` in `realm`, coming back to the account page when `goto` says so. */
export function journeyUrl(realm: Pick<RealmConfig, 'name'>, tree: string, goto?: string): string {
  const query = new URLSearchParams({ realm: realmPath(realm.name), journey: tree, ...(goto === undefined ? {} : { goto }) });
  return `/login?${query.toString()}`;
}

/** A date (epoch milliseconds or ISO text) in the page language, in UTC; the text as given when it is no date. */
export function formatDate(lang: PageLanguage, value: number | string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(date);
}

/** A date as a `<time>` element in the page language. */
export function timeHtml(lang: PageLanguage, value: number | string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return escapeHtml(String(value));
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(formatDate(lang, value))}</time>`;
}

/** A hidden form field. */
export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

/** A form posting to `/account/<action>` with the form token and the realm. */
export function form(page: AccountPage, action: string, content: string, extra = ''): string {
  return `<form method="post" action="/account/${action}"${extra}>${hidden('csrf', page.csrf)}${hidden('realm', page.context.realmPath)}${content}</form>`;
}

/** A submit button; `hiddenText` completes its name for screen readers ("Remove" + the device's name). */
export function button(text: string, hiddenText = '', kind = ''): string {
  const more = hiddenText === '' ? '' : `<span class="visually-hidden"> ${escapeHtml(hiddenText)}</span>`;
  return `<button type="submit"${kind === '' ? '' : ` class="${kind}"`}>${escapeHtml(text)}${more}</button>`;
}

/** A section of the page, named by its heading. */
export function section(id: string, title: string, body: string): string {
  return `<section class="account-section" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeHtml(title)}</h2>${body}</section>`;
}

/** Problems of a field, announced (`role="alert"`). */
export function errorList(id: string, messages: readonly string[]): string {
  return `<div id="${id}" role="alert"><ul class="field-errors">${messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('')}</ul></div>`;
}

/** The link to the page's stylesheet. */
export function stylesheet(): string {
  return `<link rel="stylesheet" href="${ACCOUNT_STYLESHEET_PATH}">`;
}
