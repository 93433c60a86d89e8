/**
 * SSO sessions: created when a journey succeeds, validated, refreshed and logged out across every
 * Arbor process through the ephemeral store. Tokens are random; only their SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionSettings } from '../config/realm-config.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { SsoSession } from './sso-session.ts';
import { sessionExpiresAt } from './sso-session.ts';

/** What a new session is made of. */
export interface NewSession {
  realm: string;
  userId: string;
  username: string;
  userType: string;
  authLevel: number;
  tree: string;
  properties: Record<string, string>;
}

/** The session service. */
export interface SessionService {
  create(input: NewSession, settings: SessionSettings): Promise<{ tokenId: string; session: SsoSession }>;
  /** The live session of a token, or undefined; `touch` resets the idle timer. */
  validate(tokenId: string, options?: { touch?: boolean }): Promise<SsoSession | undefined>;
  /** Ends the session; false when it did not exist. */
  logout(tokenId: string): Promise<boolean>;
}

function keyOf(tokenId: string): string {
  return `session:${createHash('sha256').update(tokenId).digest('base64url')}`;
}

function parse(text: string | undefined): SsoSession | undefined {
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && 'userId' in value ? (value as SsoSession) : undefined;
}

/** Creates the session service over the ephemeral store. */
export function createSessionService(deps: { ephemeral: EphemeralStore; clock: { now(): number } }): SessionService {
  const save = async (tokenId: string, session: SsoSession): Promise<void> => {
    const ttl = sessionExpiresAt(session) - deps.clock.now();
    if (ttl > 0) await deps.ephemeral.put(keyOf(tokenId), JSON.stringify(session), ttl);
  };
  return {
    async create(input, settings) {
      const now = deps.clock.now();
      const tokenId = randomBytes(32).toString('base64url');
      const session: SsoSession = {
        ...input,
        handle: randomBytes(16).toString('base64url'),
        createdAt: now,
        lastAccessAt: now,
        maxExpiresAt: now + settings.maxSessionMinutes * 60_000,
        maxIdleMs: settings.maxIdleMinutes * 60_000,
      };
      await save(tokenId, session);
      return { tokenId, session };
    },
    async validate(tokenId, options = {}) {
      if (tokenId === '' || tokenId.length > 512) return undefined;
      const session = parse(await deps.ephemeral.get(keyOf(tokenId)));
      if (session === undefined) return undefined;
      const now = deps.clock.now();
      if (sessionExpiresAt(session) <= now) return undefined;
      if (options.touch === true) {
        session.lastAccessAt = now;
        await save(tokenId, session);
      }
      return session;
    },
    async logout(tokenId) {
      if (tokenId === '' || tokenId.length > 512) return false;
      return (await deps.ephemeral.consume(keyOf(tokenId))) !== undefined;
    },
  };
}
