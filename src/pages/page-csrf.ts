/**
 * The CSRF defence of the pages. A browser gets a random value in an HttpOnly, SameSite=Lax
 * cookie scoped to `/login`; each form carries HMAC-SHA256(that value, authId). A post is taken
 * only with the cookie and a token that matches the form's authId, so a form another site makes a
 * browser submit (with the attacker's own journey: login CSRF) fails, and a token is good for one
 * step only. Posts that a browser marks as cross-site, or whose `Origin` is not Arbor's, are
 * refused before that.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerSettings } from '../config/server-settings.ts';
import { readCookie } from '../http/cookies.ts';

/** The cookie holding the browser's CSRF key. */
export const CSRF_COOKIE = 'arbor-pages-csrf';

const KEY_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The browser's key from its Cookie header, when well formed. */
export function csrfKeyOf(cookieHeader: string | undefined): string | undefined {
  const key = readCookie(cookieHeader, CSRF_COOKIE);
  return key !== undefined && KEY_SHAPE.test(key) ? key : undefined;
}

/** The flags of the pages' own cookies: HttpOnly, SameSite=Lax, scoped to `/login`, Secure behind https. */
export function pageCookieFlags(settings: Pick<ServerSettings, 'secureCookie'>): string {
  return `Path=/login; HttpOnly; SameSite=Lax${settings.secureCookie ? '; Secure' : ''}`;
}

/** A new key and the `Set-Cookie` value that gives it to the browser. */
export function newCsrfKey(settings: Pick<ServerSettings, 'secureCookie'>): { key: string; cookie: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, cookie: `${CSRF_COOKIE}=${key}; ${pageCookieFlags(settings)}` };
}

/** HMAC-SHA256 of `payload` under the browser's key, separated by `label` from the key's other uses. */
export function pageMac(key: string, label: string, payload: string): string {
  return createHmac('sha256', key).update(`arbor pages ${label}\0`).update(payload).digest('base64url');
}

/** True when `given` is `pageMac(key, label, payload)` (compared in constant time). */
export function pageMacMatches(key: string | undefined, label: string, payload: string, given: string): boolean {
  if (key === undefined || given === '') return false;
  const expected = Buffer.from(pageMac(key, label, payload));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The token a form for `authId` carries. */
export function csrfToken(key: string, authId: string): string {
  return pageMac(key, 'csrf', authId);
}

/** True when `token` is the one of `key` and `authId`. */
export function csrfTokenMatches(key: string | undefined, authId: string, token: string): boolean {
  return pageMacMatches(key, 'csrf', authId, token);
}

/**
 * True when the request's own headers say it comes from another site: `Sec-Fetch-Site` other than
 * same-origin or none, or an `Origin` that is neither Arbor's public origin nor the one it was sent to.
 * `Origin: null` passes only with `Sec-Fetch-Site: same-origin`: under the pages' `Referrer-Policy:
 * no-referrer` Chromium sends `null` for the page's own form posts (a header no page can set).
 */
export function crossSitePost(headers: Record<string, string | string[] | undefined>, publicUrl: string, ownOrigin: string): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.origin;
  if (typeof origin !== 'string') return false;
  if (origin === 'null' && site === 'same-origin') return false;
  return origin !== new URL(publicUrl).origin && origin !== ownOrigin;
}
