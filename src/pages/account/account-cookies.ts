/**
 * The account page's own cookies, both HttpOnly, SameSite=Lax and scoped to `/account`:
 * - the browser's key (`arbor-account-csrf`, random): each form carries HMAC-SHA256(key, the
 *   session's handle) (`pageMac` of `page-csrf.ts`), so a form is good for this browser and this
 *   session only, and another site cannot make a signed-in browser post one;
 * - the one-time status (`arbor-account-status`) a successful post leaves for the page it
 *   redirects to (post-redirect-get), one of a fixed list of message ids, cleared once shown.
 */
import { randomBytes } from 'node:crypto';
import type { ServerSettings } from '../../config/server-settings.ts';
import { readCookie } from '../../http/cookies.ts';
import { pageMac, pageMacMatches } from '../page-csrf.ts';

/** The cookie holding the browser's key for the account forms. */
export const ACCOUNT_KEY_COOKIE = 'arbor-account-csrf';

/** The cookie holding the status to show once. */
export const ACCOUNT_STATUS_COOKIE = 'arbor-account-status';

/** What a successful post says on the page it leads to. */
export const ACCOUNT_STATUSES = [
  'profileSaved',
  'questionsSaved',
  'consentWithdrawn',
  'socialUnlinked',
  'sessionEnded',
  'sessionAlreadyOver',
  'otherSessionsEnded',
  'deviceRenamed',
  'deviceRemoved',
  'deviceNotFound',
  'codesAlreadyReplaced',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

const KEY_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const MAC_LABEL = 'account';

function flags(settings: Pick<ServerSettings, 'secureCookie'>): string {
  return `Path=/account; HttpOnly; SameSite=Lax${settings.secureCookie ? '; Secure' : ''}`;
}

/** The browser's key from its Cookie header, when well formed. */
export function accountKeyOf(cookieHeader: string | undefined): string | undefined {
  const key = readCookie(cookieHeader, ACCOUNT_KEY_COOKIE);
  return key !== undefined && KEY_SHAPE.test(key) ? key : undefined;
}

/** A new key and the `Set-Cookie` value that gives it to the browser. */
export function newAccountKey(settings: Pick<ServerSettings, 'secureCookie'>): { key: string; cookie: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, cookie: `${ACCOUNT_KEY_COOKIE}=${key}; ${flags(settings)}` };
}

/** The token of the account forms of the session `handle` in the browser holding `key`. */
export function accountToken(key: string, handle: string): string {
  return pageMac(key, MAC_LABEL, handle);
}

/** True when `token` is the one of `key` and `handle`. */
export function accountTokenMatches(key: string | undefined, handle: string, token: string): boolean {
  return pageMacMatches(key, MAC_LABEL, handle, token);
}

/** The `Set-Cookie` value that leaves `status` for the next page. */
export function statusCookie(settings: Pick<ServerSettings, 'secureCookie'>, status: AccountStatus): string {
  return `${ACCOUNT_STATUS_COOKIE}=${status}; ${flags(settings)}; Max-Age=60`;
}

/** The `Set-Cookie` value that removes the status once shown. */
export function clearStatusCookie(settings: Pick<ServerSettings, 'secureCookie'>): string {
  return `${ACCOUNT_STATUS_COOKIE}=; ${flags(settings)}; Max-Age=0`;
}

/** The status the Cookie header carries: one of `ACCOUNT_STATUSES`, else undefined. */
export function statusOf(cookieHeader: string | undefined): AccountStatus | undefined {
  const value = readCookie(cookieHeader, ACCOUNT_STATUS_COOKIE);
  return ACCOUNT_STATUSES.find((status) => status === value);
}
