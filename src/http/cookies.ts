/** Reading the Cookie header and writing the session cookie (no cookie library needed for one cookie). */
import type { ServerSettings } from '../config/server-settings.ts';

/**
 * A cookie value percent-decoded, or as sent when its escapes are malformed (`%E0%A4%A`): a
 * client's broken cookie is then simply not a session, never an error (as the `cookie` package does).
 */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeCookieValue(part.slice(index + 1).trim());
  }
  return undefined;
}

type CookieSettings = Pick<ServerSettings, 'cookieName' | 'secureCookie' | 'cookieSameSite'>;

function attributes(settings: CookieSettings): string {
  const sameSite = settings.cookieSameSite === 'none' ? 'None' : settings.cookieSameSite === 'strict' ? 'Strict' : 'Lax';
  return `Path=/; HttpOnly; SameSite=${sameSite}${settings.secureCookie ? '; Secure' : ''}`;
}

/** `Set-Cookie` value that carries a new session token. */
export function sessionCookie(settings: CookieSettings, tokenId: string): string {
  return `${settings.cookieName}=${encodeURIComponent(tokenId)}; ${attributes(settings)}`;
}

/** `Set-Cookie` value that removes the session cookie. */
export function clearSessionCookie(settings: CookieSettings): string {
  return `${settings.cookieName}=; ${attributes(settings)}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
