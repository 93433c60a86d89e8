/**
 * One entry of a realm's `validGotoDestinations` (AM's Validation Service): an absolute http(s)
 * URL that allows redirect targets on its origin, parsed and checked once.
 * - `https://app.example.com` or `https://app.example.com/*`: any path of that origin;
 * - `https://app.example.com/return/*`: paths under `/return/`;
 * - `https://app.example.com/return`: that path exactly (any query or fragment).
 * No user info, query, fragment, spaces, control characters or backslashes; `*` only as the last
 * character, after a `/`.
 */

/** A parsed entry: the origin it allows, and the path (exact) or path prefix (ending in `/`). */
export interface GotoDestination {
  origin: string;
  path: string;
  /** True for a `/*` entry: `path` is a prefix. */
  prefix: boolean;
}

/** Characters no URL Arbor takes from outside may hold: controls, format characters (bidi, zero-width), spaces, backslashes. */
export const FORBIDDEN_URL_CHARACTERS = /[\p{Cc}\p{Cf}\p{Z}\\]/u;

/** The longest URL or entry accepted. */
export const MAX_URL_LENGTH = 2048;

/** The entry parsed, or the reason it is refused. */
export function parseGotoDestination(entry: string): GotoDestination | { problem: string } {
  if (entry.length === 0 || entry.length > MAX_URL_LENGTH) return { problem: `must be a URL of 1 to ${MAX_URL_LENGTH} characters` };
  if (FORBIDDEN_URL_CHARACTERS.test(entry)) return { problem: 'must not hold spaces, control characters or backslashes' };
  const authority = /^https?:\/\/([^/?#]+)/i.exec(entry);
  if (authority === null) return { problem: 'must be an absolute http:// or https:// URL' };
  if (/[@%*]/.test(authority[1] ?? '')) return { problem: 'must name its host plainly (no user info, percent-escapes or wildcards in the host)' };
  const star = entry.indexOf('*');
  if (star !== -1 && (star !== entry.length - 1 || !entry.endsWith('/*'))) return { problem: 'may hold * only as its last character, after a / (https://app.example.com/return/*)' };
  let url: URL;
  try {
    url = new URL(star === -1 ? entry : entry.slice(0, -1));
  } catch {
    return { problem: 'is not a URL' };
  }
  if (url.search !== '' || url.hash !== '' || entry.includes('?') || entry.includes('#')) return { problem: 'must not have a query or fragment' };
  const wholeOrigin = url.pathname === '/' && (star !== -1 || !/^https?:\/\/[^/]+\/./i.test(entry));
  return { origin: url.origin, path: url.pathname, prefix: star !== -1 || wholeOrigin };
}

/** True when the absolute `url` is allowed by `destination`. */
export function matchesGotoDestination(url: URL, destination: GotoDestination): boolean {
  if (url.origin !== destination.origin) return false;
  return destination.prefix ? url.pathname.startsWith(destination.path) : url.pathname === destination.path;
}
