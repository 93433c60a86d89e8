/** AM's universal id of a session's user, as `getSessionInfo` and `idFromSession` name it. */
import type { SsoSession } from '../../sessions/sso-session.ts';

/** `id=<username>,ou=user,o=<realm>,ou=services,ou=am-config`. */
export function universalIdOf(session: Pick<SsoSession, 'username' | 'realm'>): string {
  return `id=${session.username},ou=user,o=${session.realm},ou=services,ou=am-config`;
}
