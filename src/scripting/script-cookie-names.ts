/**
 * The request cookies a script may read through `requestCookies`. The request facts read a cookie
 * by name (`RequestFacts.cookie`) and cannot list the request's cookies, so a script is given the
 * cookies whose names its text spells out: every quoted string that is a cookie name
 * (`requestCookies.get("device")`, `requestCookies["device"]`, `var name = "device"`) and every
 * `requestCookies.name`. A script that never mentions `requestCookies` is given none. The session
 * cookie and Arbor's `arbor-*` cookies are never read: the facts refuse them.
 */

/** At most this many names are taken from one script. */
export const MAX_SCRIPT_COOKIE_NAMES = 64;

/** RFC 6265's cookie-name (an HTTP token), at most 256 characters. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/;
const STRING_LITERAL = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
const PROPERTY = /requestCookies\s*\.\s*([A-Za-z_$][\w$]*)/g;
/** The Java map methods of the binding, not cookie names. */
const MAP_METHODS: ReadonlySet<string> = new Set(['get', 'put', 'containsKey', 'remove', 'keySet', 'size', 'isEmpty']);

/** The cookie names `source` names, in the order they first appear, when it reads `requestCookies`. */
export function cookieNamesReadBy(source: string): string[] {
  if (!source.includes('requestCookies')) return [];
  const names = new Set<string>();
  const add = (name: string): void => {
    if (names.size < MAX_SCRIPT_COOKIE_NAMES && COOKIE_NAME.test(name)) names.add(name);
  };
  for (const match of source.matchAll(STRING_LITERAL)) add(match[2] ?? '');
  for (const match of source.matchAll(PROPERTY)) {
    const name = match[1] ?? '';
    if (!MAP_METHODS.has(name)) add(name);
  }
  return [...names];
}
