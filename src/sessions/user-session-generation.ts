/**
 * The generation of a user's sessions, kept in the ephemeral store under
 * `session-generation:<userType>:<userId>`: a random value that every session of the user records
 * when it is created. Ending all of a user's sessions (a password change, a deactivation, a lock, a
 * delete) stores a new value; a session is live only while the stored value is the one it
 * recorded, or while none is stored.
 *
 * Why this and not an index of session ids per user: one `put` ends every session at once,
 * atomically, on every process, with nothing to enumerate or keep consistent as sessions expire;
 * a session created while the generation changes records the old value and is dead at once.
 * Values are random, never counters, so a value that expired can never come back and revive
 * sessions that recorded it. The value is remembered for at least the longest lifetime a session
 * may have: once it expires (and "none stored" means "live" again), every session that recorded an
 * earlier value has expired by itself.
 */
import { randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import { sessionError } from './errors.ts';

/** The generation of sessions created while none is stored. */
export const NO_GENERATION = '';

/** Reads and renews users' session generations. */
export interface UserSessionGeneration {
  /** The stored generation of the user, or `NO_GENERATION`. */
  current(userType: string, userId: string): Promise<string>;
  /** Stores a new generation for `rememberMs`: every session created before is dead. */
  renew(userType: string, userId: string, rememberMs: number): Promise<void>;
}

function generationKey(userType: string, userId: string): string {
  // Managed type names have no ':', so the key names one (type, id) pair.
  return `session-generation:${userType}:${userId}`;
}

/** User session generations in `ephemeral`. */
export function userSessionGeneration(ephemeral: EphemeralStore): UserSessionGeneration {
  return {
    async current(userType, userId) {
      return (await ephemeral.get(generationKey(userType, userId))) ?? NO_GENERATION;
    },
    async renew(userType, userId, rememberMs) {
      if (!Number.isFinite(rememberMs) || rememberMs <= 0) {
        throw sessionError('INVALID_REVOCATION_PERIOD', `a new session generation must be remembered for a positive time, got ${rememberMs} ms`);
      }
      await ephemeral.put(generationKey(userType, userId), randomBytes(16).toString('base64url'), rememberMs);
    },
  };
}
