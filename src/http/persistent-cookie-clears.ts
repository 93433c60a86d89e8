/**
 * Signing out also forgets the persistent cookie that would sign the user straight back in (Set
 * Persistent Cookie / Persistent Cookie Decision). The cookie's name is the node's, so the
 * request's cookies are looked at: each whose value is a persistent-cookie token (a compact JWT
 * whose `name` claim is the cookie's own name) for the user signing out is cleared. The token is
 * only read here, not trusted: clearing a cookie grants nothing.
 */

/** Cookies looked at, at most. */
const MAX_COOKIES = 50;

function claimsOf(value: string): Record<string, unknown> | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || value.length > 4096) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? Object.fromEntries(Object.entries(claims)) : undefined;
  } catch {
    return undefined;
  }
}

/** `Set-Cookie` values clearing the persistent cookies of user `userId` that the request carries. */
export function persistentCookieClears(cookieHeader: string | undefined, userId: string, secure: boolean): string[] {
  if (cookieHeader === undefined) return [];
  const clears: string[] = [];
  for (const part of cookieHeader.split(';').slice(0, MAX_COOKIES)) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const claims = claimsOf(part.slice(index + 1).trim());
    if (claims === undefined || claims.name !== name || claims.sub !== userId || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) continue;
    clears.push(`${name}=; Path=/; HttpOnly; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`);
  }
  return clears;
}
