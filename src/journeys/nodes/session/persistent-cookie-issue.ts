/**
 * Issuing the persistent cookie once the journey's session exists (the nodes' session hook, AM's
 * CreatePersistentCookieTreeHook / UpdatePersistentCookieTreeHook): a new token for the session's
 * user with the idle expiry renewed from now and the maximum life either set from now (Set
 * Persistent Cookie) or kept from the cookie that signed the user in (Persistent Cookie Decision).
 * The cookie lives in the browser until the token's maximum life, on path `/`.
 */
import type { SessionHookContext } from '../../engine/define-node.ts';
import type { ResponseCookie } from '../../engine/response-cookie.ts';
import { PERSISTENT_COOKIE_KEYS, type SealedNodeSecret } from './persistent-cookie-keys.ts';
import { signPersistentCookie } from './persistent-cookie-token.ts';

/** What a persistent cookie node leaves for its session hook (kept in the sealed journey record). */
export interface PersistentCookieHookData {
  cookieName: string;
  idleHours: number;
  /** Set Persistent Cookie: the maximum life from the session's creation. */
  maxLifeHours?: number;
  /** Persistent Cookie Decision: the maximum life of the cookie that signed the user in, seconds since the epoch. */
  maxExpiresAt?: number;
  secure: boolean;
  httpOnly: boolean;
  key: SealedNodeSecret;
  /** Realm name (`alpha`, `root`). */
  realm: string;
  identityResource: string;
  /** The client address the token is bound to. */
  clientIp: string;
}

/** `data` as a node stored it, undefined when it is not that. */
function hookDataOf(data: Record<string, unknown>): PersistentCookieHookData | undefined {
  const { cookieName, idleHours, maxLifeHours, maxExpiresAt, secure, httpOnly, key, realm, identityResource, clientIp } = data;
  if (typeof cookieName !== 'string' || typeof idleHours !== 'number' || typeof secure !== 'boolean' || typeof httpOnly !== 'boolean') return undefined;
  if (typeof realm !== 'string' || typeof identityResource !== 'string' || typeof clientIp !== 'string') return undefined;
  if (typeof key !== 'object' || key === null || !('sealed' in key) || !('purpose' in key) || typeof key.sealed !== 'string' || typeof key.purpose !== 'string') return undefined;
  return {
    cookieName,
    idleHours,
    ...(typeof maxLifeHours === 'number' ? { maxLifeHours } : {}),
    ...(typeof maxExpiresAt === 'number' ? { maxExpiresAt } : {}),
    secure,
    httpOnly,
    key: { sealed: key.sealed, purpose: key.purpose },
    realm,
    identityResource,
    clientIp,
  };
}

/** The persistent cookie for the session just created (none when its maximum life is already over). */
export function issuePersistentCookie(hook: SessionHookContext): ResponseCookie[] {
  const data = hookDataOf(hook.data);
  if (data === undefined) throw new Error(`node ${hook.nodeId} left a damaged persistent cookie hook`);
  const now = Math.floor(hook.services.clock.now() / 1000);
  const exp = data.maxExpiresAt ?? now + Math.round((data.maxLifeHours ?? 0) * 3600);
  if (exp <= now) return [];
  const idle = Math.min(now + Math.round(data.idleHours * 3600), exp);
  const key = hook.services.capabilities.get(PERSISTENT_COOKIE_KEYS).signingKey(data.key, data.realm);
  const token = signPersistentCookie(
    { sub: hook.session.userId, uid: hook.session.username, realm: data.realm, res: data.identityResource, name: data.cookieName, ip: data.clientIp, iat: now, idle, exp },
    key,
  );
  return [{ name: data.cookieName, value: token, maxAgeSeconds: exp - now, path: '/', secure: data.secure, httpOnly: data.httpOnly }];
}
