/**
 * Which scopes a client may be registered with, as the clients REST API and the admin app's form
 * both check them: a scope name is a token of printable characters without spaces, quotes or
 * backslashes (RFC 6749); written by an administrator, it must also be one the provider can grant:
 * a standard scope, a custom scope (`read:orders`: letters, digits and `_ . : / -`, at most 128
 * characters, at most 64 a client) or one of Identity Cloud's own platform scopes (`fr:idm:*`),
 * which exports carry and Arbor keeps without ever offering them.
 */
import { isCustomScope, MAX_CUSTOM_SCOPES_PER_CLIENT, STANDARD_SCOPES } from '../oidc/provider-scopes.ts';

/** RFC 6749's scope token. */
const SCOPE_TOKEN = /^[\u0021\u0023-\u005b\u005d-\u007e]+$/;

/** The longest custom scope the provider grants. */
export const MAX_CUSTOM_SCOPE_LENGTH = 128;

/** Identity Cloud's own platform scopes (`fr:idm:*`, `fr:idc:esv:*`). */
const PLATFORM_SCOPE = /^fr:[A-Za-z0-9_.:/-]*\*$/;

/** Why `name` cannot be a client's scope; with `granted`, also why the provider could never grant it. Undefined when it can. */
export function scopeNameProblem(name: string, granted: boolean): string | undefined {
  if (!SCOPE_TOKEN.test(name)) return 'is not a scope name (printable characters, no spaces, quotes or backslashes)';
  if (!granted || STANDARD_SCOPES.includes(name) || isCustomScope(name) || PLATFORM_SCOPE.test(name)) return undefined;
  if (name.length > MAX_CUSTOM_SCOPE_LENGTH) return `is longer than ${MAX_CUSTOM_SCOPE_LENGTH} characters: a custom scope is at most ${MAX_CUSTOM_SCOPE_LENGTH}`;
  return 'is not a scope Arbor can grant: a custom scope has letters, digits and _ . : / - only';
}

/** Why scope names `names` hold more custom scopes than a client is offered, or undefined. */
export function customScopeCountProblem(names: readonly string[]): string | undefined {
  const custom = new Set(names.filter(isCustomScope)).size;
  if (custom <= MAX_CUSTOM_SCOPES_PER_CLIENT) return undefined;
  return `must have at most ${MAX_CUSTOM_SCOPES_PER_CLIENT} custom scopes besides ${STANDARD_SCOPES.join(', ')} (it has ${custom})`;
}
