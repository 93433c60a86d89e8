/**
 * The way back from a social provider. Before the pages send the browser to a provider (a
 * RedirectCallback step), they keep the step in a cookie: its authId, realm, journey, goto and
 * callback types, as JSON with an HMAC-SHA256 under the browser's CSRF key (`page-csrf.ts`), so
 * that neither another site nor the user can swap in another step. The cookie is HttpOnly,
 * SameSite=Lax (the provider's redirect back is a top-level GET, which carries it), scoped to
 * `/login`, and bounded in size; the return clears it.
 */
import type { ServerSettings } from '../config/server-settings.ts';
import { readCookie } from '../http/cookies.ts';
import { pageCookieFlags, pageMac, pageMacMatches } from './page-csrf.ts';

/** The cookie holding the step to come back to. */
export const RETURN_COOKIE = 'arbor-pages-return';

/** The largest cookie value kept (browsers keep about 4 KB per cookie, name and flags included). */
const MAX_COOKIE_VALUE = 3800;
const MAX_TYPES = 50;

/** The step a provider's answer is posted to, and the page facts to carry on with. */
export interface ReturnStep {
  authId: string;
  realm: string;
  journey: string;
  goto: string;
  types: string[];
}

/** The `Set-Cookie` value keeping `step` under `key`, or undefined when it would be too large. */
export function returnCookie(settings: Pick<ServerSettings, 'secureCookie'>, key: string, step: ReturnStep): string | undefined {
  const payload = Buffer.from(JSON.stringify(step)).toString('base64url');
  const value = `${payload}.${pageMac(key, 'return', payload)}`;
  if (value.length > MAX_COOKIE_VALUE) return undefined;
  return `${RETURN_COOKIE}=${value}; ${pageCookieFlags(settings)}; Max-Age=3600`;
}

/** The `Set-Cookie` value that removes the return cookie. */
export function clearReturnCookie(settings: Pick<ServerSettings, 'secureCookie'>): string {
  return `${RETURN_COOKIE}=; ${pageCookieFlags(settings)}; Max-Age=0`;
}

function text(record: Record<string, unknown>, name: string, max: number): string | undefined {
  const value = Object.hasOwn(record, name) ? record[name] : undefined;
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** The kept step from the Cookie header, when present, intact and made under `key`. */
export function readReturnStep(cookieHeader: string | undefined, key: string | undefined): ReturnStep | undefined {
  const value = readCookie(cookieHeader, RETURN_COOKIE);
  if (key === undefined || value === undefined || value.length > MAX_COOKIE_VALUE) return undefined;
  const [payload = '', given = '', ...rest] = value.split('.');
  if (rest.length > 0 || !pageMacMatches(key, 'return', payload, given)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const authId = text(record, 'authId', MAX_COOKIE_VALUE);
  const realm = text(record, 'realm', 600);
  const journey = text(record, 'journey', 200);
  const goto = text(record, 'goto', 2000);
  const types = Object.hasOwn(record, 'types') ? record.types : undefined;
  if (authId === undefined || realm === undefined || journey === undefined || goto === undefined) return undefined;
  if (!Array.isArray(types) || types.length > MAX_TYPES || !types.every((type): type is string => typeof type === 'string' && type.length <= 100)) return undefined;
  return { authId, realm, journey, goto, types };
}
