/**
 * Renders an email template for one recipient: picks the locale, then renders subject and message
 * with `{object: …}` as the Handlebars context. HTML messages escape `{{object.x}}` (triple
 * braces stay raw, as in Handlebars) and get a plain-text alternative; subjects and plain-text
 * messages are not HTML, so nothing in them is escaped.
 */
import { chooseLocale, matchLocale } from './choose-locale.ts';
import type { EmailTemplate } from './email-template.ts';
import { compileTemplate } from './handlebars-runtime.ts';
import { htmlToText } from './html-to-text.ts';

/** A rendered message. */
export interface RenderedEmail {
  /** The locale of the message body. */
  locale: string;
  subject: string;
  /** The plain-text body: the message itself for text/plain, derived from the HTML otherwise. */
  text: string;
  /** The HTML body, for text/html templates. */
  html?: string;
}

/** The user's own locale, if the object carries one (`preferredLocale`, else `locale`). */
function objectLocale(object: Record<string, unknown>): string[] {
  for (const key of ['preferredLocale', 'locale']) {
    const value = object[key];
    if (typeof value === 'string' && value.trim() !== '') return [value];
  }
  return [];
}

/**
 * The locale order for a message: the user's preferred locale, then the request's
 * Accept-Language list (`requestLocales`, best first); the template's `defaultLocale`, then its
 * first locale, are the fallbacks.
 */
export function localePreferences(object: Record<string, unknown>, requestLocales: readonly string[]): string[] {
  return [...objectLocale(object), ...requestLocales];
}

function pick(texts: Record<string, string>, locale: string, preferences: readonly string[], fallback: string): string {
  const available = Object.keys(texts);
  const chosen = matchLocale(locale, available) ?? chooseLocale(preferences, available, fallback);
  return chosen === undefined ? '' : (texts[chosen] ?? '');
}

/** Renders `template` for `object` in the best locale; throws TEMPLATE_RENDER_FAILED when it cannot. */
export function renderEmail(template: EmailTemplate, object: Record<string, unknown>, requestLocales: readonly string[]): RenderedEmail {
  const preferences = localePreferences(object, requestLocales);
  const locale = chooseLocale(preferences, Object.keys(template.message), template.defaultLocale) ?? template.defaultLocale;
  const context = { object };
  const body = template.message[locale] ?? '';
  const subjectSource = pick(template.subject, locale, preferences, template.defaultLocale);
  // A subject is one header line: line breaks in a value must not start a new header.
  const subject = compileTemplate(subjectSource, { escape: false })(context).replace(/[\r\n]+/g, ' ').trim();
  if (template.mimeType === 'text/plain') {
    return { locale, subject, text: compileTemplate(body, { escape: false })(context) };
  }
  const html = compileTemplate(body, { escape: true })(context);
  return { locale, subject, text: htmlToText(html), html };
}

