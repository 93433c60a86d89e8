/**
 * Cookies nodes add to an answer (Set Custom Cookie, the persistent cookie): checked so that no
 * name, value or attribute can break out of its `Set-Cookie` header (no `;`, `,`, space, quote,
 * backslash or control character, CR/LF above all), written as `Set-Cookie` values, and never
 * Arbor's own cookies (the session cookie, `arbor-*`): `setCookieHeaders` drops them whatever the
 * node asked, and nodes cannot read them either (`RequestFacts.cookie`).
 */

/** A cookie for the answer. */
export interface ResponseCookie {
  name: string;
  value: string;
  /** Seconds; absent: a browser-session cookie; 0 removes the cookie. */
  maxAgeSeconds?: number;
  domain?: string;
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: 'Lax' | 'Strict' | 'None';
}

/** An RFC 6265 cookie name (a token: no separators, spaces or control characters). */
export const COOKIE_NAME_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
/** An RFC 6265 cookie value (cookie-octets, possibly empty). */
export const COOKIE_VALUE_PATTERN = '^[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*$';

const NAME = new RegExp(COOKIE_NAME_PATTERN);
const VALUE = new RegExp(COOKIE_VALUE_PATTERN);
const DOMAIN = /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** A path: starts with `/`, printable ASCII without `;`. */
const PATH = /^\/[\x21-\x3A\x3C-\x7E]*$/;
const MAX_COOKIE_LENGTH = 4096;

/** True when `name` may name a cookie. */
export function isCookieName(name: string): boolean {
  return NAME.test(name);
}

/** `cookie` when every part of it is safe in a header; a TypeError naming the bad part otherwise. */
export function checkedResponseCookie(cookie: ResponseCookie): ResponseCookie {
  if (!NAME.test(cookie.name)) throw new TypeError('A cookie name must be a token (letters, digits, !#$%&\'*+-.^_`|~)');
  if (!VALUE.test(cookie.value)) throw new TypeError(`The value of cookie ${cookie.name} has a character no cookie value may have`);
  if (cookie.name.length + cookie.value.length > MAX_COOKIE_LENGTH) throw new TypeError(`Cookie ${cookie.name} is longer than ${MAX_COOKIE_LENGTH} characters`);
  if (cookie.domain !== undefined && !DOMAIN.test(cookie.domain)) throw new TypeError(`The domain of cookie ${cookie.name} is not a domain name`);
  if (cookie.path !== undefined && !PATH.test(cookie.path)) throw new TypeError(`The path of cookie ${cookie.name} must start with / and have no ; or control character`);
  if (cookie.maxAgeSeconds !== undefined && (!Number.isSafeInteger(cookie.maxAgeSeconds) || cookie.maxAgeSeconds < 0)) {
    throw new TypeError(`The max age of cookie ${cookie.name} must be a whole number of seconds, 0 or more`);
  }
  return { ...cookie };
}

/** The `Set-Cookie` value of `cookie` (checked again; SameSite=None is always Secure, as browsers demand). */
export function setCookieValue(cookie: ResponseCookie): string {
  const checked = checkedResponseCookie(cookie);
  const parts = [`${checked.name}=${checked.value}`];
  if (checked.maxAgeSeconds !== undefined) parts.push(`Max-Age=${checked.maxAgeSeconds}`);
  if (checked.domain !== undefined) parts.push(`Domain=${checked.domain}`);
  if (checked.path !== undefined) parts.push(`Path=${checked.path}`);
  if (checked.secure || checked.sameSite === 'None') parts.push('Secure');
  if (checked.httpOnly) parts.push('HttpOnly');
  if (checked.sameSite !== undefined) parts.push(`SameSite=${checked.sameSite}`);
  return parts.join('; ');
}

/**
 * True for the cookies Arbor keeps for itself, which nodes neither read nor write: the session
 * cookie `sessionCookieName` and the `arbor-` ones (page language, the pages' CSRF and return
 * cookies), names compared without case.
 */
export function isArborCookie(name: string, sessionCookieName: string): boolean {
  const lower = name.toLowerCase();
  return lower === sessionCookieName.toLowerCase() || lower.startsWith('arbor-');
}

/**
 * The `Set-Cookie` values of the cookies nodes set, in order, without Arbor's own (`isArborCookie`:
 * a node never replaces or shadows the session cookie) and, of two with the same name, only the last.
 */
export function setCookieHeaders(cookies: readonly ResponseCookie[] | undefined, sessionCookieName: string): string[] {
  if (cookies === undefined) return [];
  const last = new Map<string, ResponseCookie>();
  for (const cookie of cookies) {
    if (isArborCookie(cookie.name, sessionCookieName)) continue;
    last.delete(cookie.name);
    last.set(cookie.name, cookie);
  }
  return [...last.values()].map(setCookieValue);
}
