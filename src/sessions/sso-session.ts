/** The SSO session model: what a successful journey leaves behind. */

/** One signed-in session. The token itself is never stored, only its hash. */
export interface SsoSession {
  /** Public handle (for admin listing and logoutByHandle); not a credential. */
  handle: string;
  /** Realm name (`alpha`). */
  realm: string;
  userId: string;
  username: string;
  /** Managed object type of the user (`alpha_user`). */
  userType: string;
  authLevel: number;
  /** The tree that created the session. */
  tree: string;
  properties: Record<string, string>;
  createdAt: number;
  lastAccessAt: number;
  /** Absolute end, from the realm's maximum session time. */
  maxExpiresAt: number;
  maxIdleMs: number;
  /**
   * The user's session generation when the session was created (`user-session-generation.ts`);
   * the session is dead once another one is stored. Empty when none was stored.
   */
  generation: string;
}

/** When the session ends if nothing touches it again. */
export function sessionExpiresAt(session: SsoSession): number {
  return Math.min(session.lastAccessAt + session.maxIdleMs, session.maxExpiresAt);
}
