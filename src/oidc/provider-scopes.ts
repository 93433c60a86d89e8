/**
 * The scopes a realm's provider grants: the standard ones (`STANDARD_SCOPES`, which release
 * claims) and the custom scopes clients are registered with (AM's `scopes`, such as an API's
 * `read:orders`), which release no claim and go into the access token's `scope`. A custom scope is
 * a token of `[A-Za-z0-9_.:/-]`, 128 characters at most; a client is offered its first 64
 * (`offeredScopes`). oidc-provider grants only the scopes of its `scopes` setting, fixed when it is
 * built: `knownScopes` is that set for a realm's clients (at most MAX_KNOWN_CUSTOM_SCOPES custom
 * ones), and the provider is built again when a client's custom scope is not among them. Every
 * scope requested must be registered for the client, as AM's default scope validator has it;
 * otherwise the request is refused with `invalid_scope` (`unregisteredScopes`,
 * `invalidScopeDescription`). A registered scope the provider does not offer (not such a token,
 * beyond the first 64, or not known yet) is not refused: it is left out of what is granted. A
 * request that names no scope is given the client's default scopes it is offered (AM's
 * `defaultScopes`: `namesNoScope`, `defaultScopeOf`); a client without them leaves it naming none.
 */

/** The standard scopes (each releases claims: account-claims.ts). */
export const STANDARD_SCOPES: readonly string[] = ['openid', 'offline_access', 'profile', 'email', 'phone'];

/** What a custom scope may be. */
const CUSTOM_SCOPE = /^[A-Za-z0-9_.:/-]{1,128}$/;

/** How many custom scopes of one client are offered. */
export const MAX_CUSTOM_SCOPES_PER_CLIENT = 64;

/** How many scopes one client may be granted at most: the standard ones and its custom ones. */
export const MAX_GRANTED_SCOPES = STANDARD_SCOPES.length + MAX_CUSTOM_SCOPES_PER_CLIENT;

/** How many custom scopes one realm's provider knows at most. */
export const MAX_KNOWN_CUSTOM_SCOPES = 4096;

/** True when `name` can be a custom scope. */
export function isCustomScope(name: string): boolean {
  return CUSTOM_SCOPE.test(name) && !STANDARD_SCOPES.includes(name);
}

/** True when the provider may grant `name` to a client registered with it. */
export function isGrantableScope(name: string): boolean {
  return STANDARD_SCOPES.includes(name) || CUSTOM_SCOPE.test(name);
}

/** Of a client's registered scope names, those it is offered: the standard ones and its first 64 custom ones. */
export function offeredScopes(registered: readonly string[]): string[] {
  const offered: string[] = [];
  let custom = 0;
  for (const name of new Set(registered)) {
    if (STANDARD_SCOPES.includes(name)) offered.push(name);
    else if (isCustomScope(name) && custom < MAX_CUSTOM_SCOPES_PER_CLIENT) {
      custom += 1;
      offered.push(name);
    }
  }
  return offered;
}

/** The scopes a realm's provider knows: the standard ones, then the custom ones offered to `clients` (each a client's registered scope names), MAX_KNOWN_CUSTOM_SCOPES at most. */
export function knownScopes(clients: Iterable<readonly string[]>): string[] {
  const known = new Set(STANDARD_SCOPES);
  const limit = STANDARD_SCOPES.length + MAX_KNOWN_CUSTOM_SCOPES;
  for (const registered of clients) {
    for (const name of offeredScopes(registered)) {
      if (known.size >= limit) return [...known];
      known.add(name);
    }
  }
  return [...known];
}

/** The scopes of `requested` (a `scope` parameter) not among `registered` (a client's, space-separated). */
export function unregisteredScopes(requested: unknown, registered: string | undefined): string[] {
  if (typeof requested !== 'string') return [];
  const allowed = new Set((registered ?? '').split(' '));
  return [...new Set(requested.split(' '))].filter((name) => name !== '' && !allowed.has(name));
}

/** True when `requested` (a `scope` parameter) names no scope: absent, or only spaces. */
export function namesNoScope(requested: unknown): boolean {
  return requested === undefined || requested === null || (typeof requested === 'string' && requested.trim() === '');
}

/**
 * The `scope` given to a request of a client that names none, as AM gives it: the client's default
 * scopes (`defaults`, by name) that it is offered (`offered`: its scopes as the provider knows
 * them, space-separated); undefined when there are none, and the request then names no scope.
 */
export function defaultScopeOf(defaults: readonly string[] | undefined, offered: string | undefined): string | undefined {
  const allowed = new Set((offered ?? '').split(' ').filter((name) => name !== ''));
  const given = [...new Set(defaults ?? [])].filter((name) => allowed.has(name)).slice(0, MAX_GRANTED_SCOPES);
  return given.length === 0 ? undefined : given.join(' ');
}

/** AM's description of a refusal for `unknown` scopes: `Unknown/invalid scope(s): [a, b]` (the first five, shortened). */
export function invalidScopeDescription(unknown: readonly string[]): string {
  const named = unknown.slice(0, 5).map((name) => (name.length > 64 ? `${name.slice(0, 64)}…` : name));
  return `Unknown/invalid scope(s): [${named.join(', ')}${unknown.length > 5 ? ', …' : ''}]`;
}
