/**
 * The public handle an administrator addresses one SSO session by (`GET …/sessions` answers it,
 * `POST …/sessions?_action=logoutByHandle` takes it): `shandle:<base64url(user id)>.<session handle>`.
 * It is derived from the session's public handle and its user's id, never from the token, so
 * knowing it signs nobody in. The user id in it tells which user's session list holds it.
 */

const PREFIX = 'shandle:';
/** The longest handle accepted (a user id may be up to a few hundred characters). */
export const ADMIN_HANDLE_LIMIT = 1024;

/** The administrator's handle of session `handle` of user `userId`. */
export function adminHandleOf(userId: string, handle: string): string {
  return `${PREFIX}${Buffer.from(userId, 'utf8').toString('base64url')}.${handle}`;
}

/** The user id and session handle an administrator's handle names, or undefined when it is not one. */
export function parseAdminHandle(text: string): { userId: string; handle: string } | undefined {
  if (text.length > ADMIN_HANDLE_LIMIT || !text.startsWith(PREFIX)) return undefined;
  const rest = text.slice(PREFIX.length);
  const dot = rest.indexOf('.');
  if (dot <= 0 || dot === rest.length - 1) return undefined;
  const encoded = rest.slice(0, dot);
  const handle = rest.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || !/^[A-Za-z0-9_-]+$/.test(handle)) return undefined;
  const userId = Buffer.from(encoded, 'base64url').toString('utf8');
  // Only the canonical encoding names a user: no two handles for one session.
  if (userId === '' || Buffer.from(userId, 'utf8').toString('base64url') !== encoded) return undefined;
  return { userId, handle };
}
