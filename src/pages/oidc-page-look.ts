/**
 * The look and the security headers of the OpenID provider's pages (the consent page and the
 * provider's own sign-out, error and device pages), the same as the journey pages': the realm's
 * theme (stylesheet and logo), the page language from `?locale=`, the `arbor-locale` cookie or
 * `Accept-Language`, the pages' policy (no script, no framing) and headers. A form whose answer
 * redirects to an application (consent, sign-out) adds that application's origin (or, for a native
 * app's private-use scheme, the scheme) to `form-action`, since browsers hold redirects after a
 * form to the policy.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RealmConfig } from '../config/realm-config.ts';
import { realmPath } from '../config/realm-config.ts';
import type { PageLanguage } from './i18n/page-language.ts';
import { choosePageLanguage } from './i18n/page-language.ts';
import { PAGE_HEADERS, pageCsp, THEME_PATH } from './login-pages.ts';
import type { PageContext, PageThemeLinks } from './page-document.ts';
import { logoOrigin, realmThemeOf, themeStylesheet, themeVersion } from './page-theme.ts';

/** What a realm's provider pages look like (the realm's path and theme). */
export interface ProviderPageLook {
  realmPath: string;
  theme?: PageThemeLinks;
}

const SCHEME = /^[a-z][a-z0-9+.-]{0,63}:$/;

/** The look of `realm`'s pages. */
export function pageLookOf(realm: RealmConfig): ProviderPageLook {
  const look: ProviderPageLook = { realmPath: realmPath(realm.name) };
  const theme = realmThemeOf(realm);
  if (theme === undefined) return look;
  const css = themeStylesheet(theme);
  const stylesheet = css === '' ? undefined : `${THEME_PATH}?${new URLSearchParams({ realm: realm.name, v: themeVersion(css) }).toString()}`;
  return { ...look, theme: { realmName: realm.name, ...(stylesheet === undefined ? {} : { stylesheet }), ...(theme.logoUrl === undefined ? {} : { logoUrl: theme.logoUrl }) } };
}

/** The page language of a raw request: `?locale=` in `url`, the `arbor-locale` cookie, then `Accept-Language`. */
export function rawRequestLanguage(headers: IncomingHttpHeaders, url: string | undefined): PageLanguage {
  const query = URL.parse(url ?? '/', 'http://arbor')?.searchParams.getAll('locale') ?? [];
  const language = headers['accept-language'];
  return choosePageLanguage({ query: query.length === 1 ? query[0] : undefined, cookie: headers.cookie, acceptLanguage: typeof language === 'string' ? language : undefined });
}

/** A page context for the provider pages (no journey; a language switcher only with `languageLink`). */
export function providerPageContext(look: ProviderPageLook | undefined, lang: PageLanguage, languageLink?: string): PageContext {
  return {
    lang,
    realmPath: look?.realmPath ?? '/',
    journey: '',
    ...(languageLink === undefined ? {} : { languageLink }),
    ...(look?.theme === undefined ? {} : { theme: look.theme }),
  };
}

/**
 * The `form-action` source of a redirect URI a form's answer goes to: an http(s) origin, or a
 * private-use scheme (`com.example.app:`); undefined for anything else.
 */
export function formTargetOf(uri: unknown): string | undefined {
  if (typeof uri !== 'string' || uri.length > 2048) return undefined;
  const url = URL.parse(uri);
  if (url === null) return undefined;
  if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  return SCHEME.test(url.protocol) && !['javascript:', 'data:', 'blob:', 'file:', 'vbscript:'].includes(url.protocol) ? url.protocol : undefined;
}

/** The headers of a provider page: the pages' security headers and policy (`formTarget` added to `form-action`). */
export function providerPageHeaders(context: PageContext, formTarget?: string): Record<string, string> {
  return {
    ...PAGE_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': pageCsp(formTarget, logoOrigin(context.theme)),
  };
}
