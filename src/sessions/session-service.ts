/**
 * SSO sessions: created when a journey succeeds, validated, refreshed and logged out across every
 * Arbor process through the ephemeral store. Tokens are random; only their SHA-256 is stored.
 * After its creation a session is only ever rewritten with `replaceIfPresent`, so a touch racing
 * a logout never brings the session back. All the sessions of a user end at once when their
 * session generation is renewed (`endSessionsOf`: a password change, a deactivation, a lock, a
 * delete). Each user's sessions are also listed, best effort, in a per-user index
 * (`session-index.ts`), so that a user can see them and end one by its public handle. Whoever
 * must follow a session's end (the OpenID provider revokes what that session issued) listens
 * with `onEnded`: told of each session ended by `logout` or `logoutByHandle`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionSettings } from '../config/realm-config.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { SessionIndexEntry } from './session-index.ts';
import { sessionIndex } from './session-index.ts';
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

/** Told of a session that `logout` or `logoutByHandle` ended; its failures never fail the logout. */
export type SessionEndListener = (ended: SsoSession) => Promise<void>;

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
  /**
   * The live sessions of the user, newest first, as the per-user index knows them (best effort:
   * a session created at the same instant as another of the user's may be missing; see
   * `session-index.ts`). Listing touches no session.
   */
  sessionsOf(userType: string, userId: string): Promise<SsoSession[]>;
  /** Ends the user's session with public handle `handle`; false when the user has no such live session. */
  logoutByHandle(userType: string, userId: string, handle: string): Promise<boolean>;
  /** Adds a listener told of every session ended by `logout` or `logoutByHandle` (after it ended). */
  onEnded(listener: SessionEndListener): void;
}

/** SHA-256 of a token: what its session is stored under. */
function hashOf(tokenId: string): string {
  return createHash('sha256').update(tokenId).digest('base64url');
}

function keyOf(tokenId: string): string {
  return keyAt(hashOf(tokenId));
}

function keyAt(keyHash: string): string {
  return `session:${keyHash}`;
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
  const index = sessionIndex(ephemeral, deps.clock);
  const listeners: SessionEndListener[] = [];
  /** Tells the listeners that `stored` (the ended session's stored text) ended. */
  const ended = async (stored: string | undefined): Promise<void> => {
    const session = stored === undefined || listeners.length === 0 ? undefined : parse(stored);
    if (session !== undefined) await Promise.allSettled(listeners.map((listener) => listener(session)));
  };
  /** How long the entry of `session` lives from now (not positive once it has ended). */
  const ttlOf = (session: SsoSession): number => sessionExpiresAt(session) - deps.clock.now();
  /** The live session stored under `key` (touched when asked), or undefined. */
  const liveAt = async (key: string, touch: boolean): Promise<SsoSession | undefined> => {
    const session = parse(await ephemeral.get(key));
    if (session === undefined || ttlOf(session) <= 0) return undefined;
    const generation = await generations.current(session.userType, session.userId);
    if (generation !== NO_GENERATION && generation !== session.generation) {
      await ephemeral.delete(key); // ended with the rest of the user's sessions: tidy up
      return undefined;
    }
    if (touch) {
      session.lastAccessAt = deps.clock.now();
      const ttl = ttlOf(session);
      if (ttl <= 0 || !(await ephemeral.replaceIfPresent(key, JSON.stringify(session), ttl))) return undefined;
    }
    return session;
  };
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
      if (ttl > 0) {
        const keyHash = hashOf(tokenId);
        await ephemeral.put(keyAt(keyHash), JSON.stringify(session), ttl);
        await index.add(input.userType, input.userId, { handle: session.handle, createdAt: now, tree: input.tree, keyHash, expiresAt: session.maxExpiresAt });
      }
      return { tokenId, session };
    },
    async validate(tokenId, options = {}) {
      if (!acceptsToken(tokenId)) return undefined;
      return liveAt(keyOf(tokenId), options.touch === true);
    },
    async logout(tokenId) {
      if (!acceptsToken(tokenId)) return false;
      const stored = await ephemeral.consume(keyOf(tokenId));
      await ended(stored);
      return stored !== undefined;
    },
    async endSessionsOf(userType, userId, rememberMs) {
      await generations.renew(userType, userId, rememberMs);
    },
    async sessionsOf(userType, userId) {
      const entries = await index.entries(userType, userId);
      const live: SsoSession[] = [];
      const kept: SessionIndexEntry[] = [];
      for (const entry of entries) {
        const session = await liveAt(keyAt(entry.keyHash), false);
        if (session === undefined || !belongsTo(session, userType, userId) || session.handle !== entry.handle) continue;
        live.push(session);
        kept.push(entry);
      }
      if (kept.length !== entries.length) await index.replace(userType, userId, kept);
      return live;
    },
    async logoutByHandle(userType, userId, handle) {
      const entries = await index.entries(userType, userId);
      const entry = entries.find((known) => known.handle === handle);
      if (entry === undefined) return false;
      const key = keyAt(entry.keyHash);
      const session = await liveAt(key, false);
      const stored = session !== undefined && belongsTo(session, userType, userId) && session.handle === handle ? await ephemeral.consume(key) : undefined;
      await index.replace(userType, userId, entries.filter((known) => known !== entry));
      await ended(stored);
      return stored !== undefined;
    },
    onEnded(listener) {
      listeners.push(listener);
    },
  };
}

function belongsTo(session: SsoSession, userType: string, userId: string): boolean {
  return session.userType === userType && session.userId === userId;
}
