/**
 * SSO sessions: created when a journey succeeds, validated, refreshed and logged out across every
 * Arbor process through the ephemeral store. Tokens are random; only their SHA-256 is stored.
 * After its creation a session is only ever rewritten with `replaceIfPresent`, so a touch racing
 * a logout never brings the session back. All the sessions of a user end at once when their
 * session generation is renewed (`endSessionsOf`: a password change, a deactivation, a lock, a
 * delete).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionSettings } from '../config/realm-config.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { SsoSession } from './sso-session.ts';
import { sessionExpiresAt } from './sso-session.ts';
import { NO_GENERATION, userSessionGeneration } from './user-session-generation.ts';

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
  /**
   * The live session of a token, or undefined; `touch` resets the idle timer, and answers
   * undefined when the session ended meanwhile (a logout in between is never undone).
   */
  validate(tokenId: string, options?: { touch?: boolean }): Promise<SsoSession | undefined>;
  /** Ends the session; false when it did not exist. */
  logout(tokenId: string): Promise<boolean>;
  /**
   * Ends every session the user `userId` of managed type `userType` has now, on every process;
   * sessions created afterwards work. `rememberMs` must be at least the longest lifetime a session
   * may have (the longest `maxSessionMinutes` of any realm).
   */
  endSessionsOf(userType: string, userId: string, rememberMs: number): Promise<void>;
}

function keyOf(tokenId: string): string {
  return `session:${createHash('sha256').update(tokenId).digest('base64url')}`;
}

function parse(text: string | undefined): SsoSession | undefined {
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || !('userId' in value)) return undefined;
  // Sessions stored before generations existed belong to no generation.
  const generation = 'generation' in value && typeof value.generation === 'string' ? value.generation : NO_GENERATION;
  return { ...(value as SsoSession), generation };
}

function acceptsToken(tokenId: string): boolean {
  return tokenId !== '' && tokenId.length <= 512;
}

/** Creates the session service over the ephemeral store. */
export function createSessionService(deps: { ephemeral: EphemeralStore; clock: { now(): number } }): SessionService {
  const { ephemeral } = deps;
  const generations = userSessionGeneration(ephemeral);
  /** How long the entry of `session` lives from now (not positive once it has ended). */
  const ttlOf = (session: SsoSession): number => sessionExpiresAt(session) - deps.clock.now();
  return {
    async create(input, settings) {
      // Read before the session is written: a generation renewed in between kills this session.
      const generation = await generations.current(input.userType, input.userId);
      const now = deps.clock.now();
      const tokenId = randomBytes(32).toString('base64url');
      const session: SsoSession = {
        ...input,
        handle: randomBytes(16).toString('base64url'),
        createdAt: now,
        lastAccessAt: now,
        maxExpiresAt: now + settings.maxSessionMinutes * 60_000,
        maxIdleMs: settings.maxIdleMinutes * 60_000,
        generation,
      };
      const ttl = ttlOf(session);
      if (ttl > 0) await ephemeral.put(keyOf(tokenId), JSON.stringify(session), ttl);
      return { tokenId, session };
    },
    async validate(tokenId, options = {}) {
      if (!acceptsToken(tokenId)) return undefined;
      const key = keyOf(tokenId);
      const session = parse(await ephemeral.get(key));
      if (session === undefined || ttlOf(session) <= 0) return undefined;
      const generation = await generations.current(session.userType, session.userId);
      if (generation !== NO_GENERATION && generation !== session.generation) {
        await ephemeral.delete(key); // ended with the rest of the user's sessions: tidy up
        return undefined;
      }
      if (options.touch === true) {
        session.lastAccessAt = deps.clock.now();
        const ttl = ttlOf(session);
        if (ttl <= 0 || !(await ephemeral.replaceIfPresent(key, JSON.stringify(session), ttl))) return undefined;
      }
      return session;
    },
    async logout(tokenId) {
      if (!acceptsToken(tokenId)) return false;
      return (await ephemeral.consume(keyOf(tokenId))) !== undefined;
    },
    async endSessionsOf(userType, userId, rememberMs) {
      await generations.renew(userType, userId, rememberMs);
    },
  };
}
