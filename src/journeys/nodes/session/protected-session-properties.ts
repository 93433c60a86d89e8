/**
 * Session properties a journey node may not set or remove: those AM keeps for itself (its
 * validator refuses them on the Set Session Properties node) and `AMCtxId`, Arbor's handle.
 */

const PROTECTED = new Set(
  [
    'AMCtxId',
    // Arbor's: how the journey authenticated the user (the OpenID provider's `amr`).
    'amr',
    'AuthLevel',
    'AuthType',
    'authInstant',
    'CharSet',
    'clientType',
    'FullLoginURL',
    'Host',
    'HostName',
    'Locale',
    'loginURL',
    'Organization',
    'Principal',
    'Principals',
    'Service',
    'SessionHandle',
    'successURL',
    'sun.am.UniversalIdentifier',
    'TokenRestriction',
    'UserId',
    'UserProfile',
    'UserToken',
  ].map((name) => name.toLowerCase()),
);

/** True when `name` is a property journeys may not touch (compared without case; `am.protected.*` too). */
export function isProtectedSessionProperty(name: string): boolean {
  const lower = name.toLowerCase();
  return PROTECTED.has(lower) || lower.startsWith('am.protected.');
}
