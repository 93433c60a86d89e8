/**
 * The language of a page: English, French, Dutch or German, chosen from (best first) the `locale`
 * query parameter (the language switcher's links), the `arbor-locale` cookie the switcher sets, the
 * signed-in user's preference when the caller knows it, then `Accept-Language`; English otherwise.
 */
import { readCookie } from '../../http/cookies.ts';
import { parseAcceptLanguage } from '../../http/request-facts.ts';

export const PAGE_LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** The cookie the language switcher sets. */
export const LANGUAGE_COOKIE = 'arbor-locale';

/** `fr`, `fr-BE`, `fr_BE`, `FR` → `fr`; undefined for a language the pages do not speak. */
export function pageLanguageOf(tag: string | undefined): PageLanguage | undefined {
  if (tag === undefined) return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return PAGE_LANGUAGES.find((known) => known === language);
}

/** What a request says about its language. */
export interface LanguageHints {
  /** The `locale` query parameter. */
  query?: string | undefined;
  /** The Cookie header. */
  cookie?: string | undefined;
  /** The signed-in user's preferred language, when known. */
  preference?: string | undefined;
  /** The Accept-Language header. */
  acceptLanguage?: string | undefined;
}

/** The page language for `hints`. */
export function choosePageLanguage(hints: LanguageHints): PageLanguage {
  const chosen = pageLanguageOf(hints.query) ?? pageLanguageOf(readCookie(hints.cookie, LANGUAGE_COOKIE)) ?? pageLanguageOf(hints.preference);
  if (chosen !== undefined) return chosen;
  for (const tag of parseAcceptLanguage(hints.acceptLanguage)) {
    const language = pageLanguageOf(tag);
    if (language !== undefined) return language;
  }
  return 'en';
}
