/**
 * The sessions of each user, so that a user can see and end them (the account page): a list kept
 * in the ephemeral store under `session-index:<userType>:<userId>`, newest first, each entry the
 * session's public handle, when and by which journey it was made, when it ends at the latest, and
 * the hash its token is stored under (never the token). The list holds at most
 * `SESSION_INDEX_LIMIT` entries and lives as long as its longest-lived session.
 *
 * Best effort: an entry is added by reading the list and writing it back (the store port has no
 * compare-and-set), so of two sessions of one user created at the same instant one may be
 * missing from the list. Such a session is still ended by "sign out everywhere"
 * (`endSessionsOf`, the user's session generation), which never relies on this list. Entries of
 * sessions that ended are pruned when the list is read.
 */
import type { EphemeralStore } from '../store/ephemeral-store.ts';

/** The most sessions listed per user: the newest ones. */
export const SESSION_INDEX_LIMIT = 50;

/** One session in a user's list. */
export interface SessionIndexEntry {
  /** The session's public handle. */
  handle: string;
  createdAt: number;
  /** The journey that created it. */
  tree: string;
  /** SHA-256 of the token (base64url): where the session is stored. Never shown to anyone. */
  keyHash: string;
  /** The session's absolute end (`maxExpiresAt`). */
  expiresAt: number;
}

/** A user's session list. */
export interface SessionIndex {
  /** The entries of the user that have not reached their absolute end, newest first. */
  entries(userType: string, userId: string): Promise<SessionIndexEntry[]>;
  /** Adds `entry` in front (dropping the oldest past the limit). */
  add(userType: string, userId: string, entry: SessionIndexEntry): Promise<void>;
  /** Stores `entries` as the user's list (removes it when empty). */
  replace(userType: string, userId: string, entries: readonly SessionIndexEntry[]): Promise<void>;
}

function indexKey(userType: string, userId: string): string {
  // Managed type names have no ':', so the key names one (type, id) pair.
  return `session-index:${userType}:${userId}`;
}

function entryOf(value: unknown): SessionIndexEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { handle, createdAt, tree, keyHash, expiresAt } = record;
  if (typeof handle !== 'string' || typeof tree !== 'string' || typeof keyHash !== 'string') return undefined;
  if (typeof createdAt !== 'number' || typeof expiresAt !== 'number') return undefined;
  return { handle, createdAt, tree, keyHash, expiresAt };
}

function parse(text: string | undefined): SessionIndexEntry[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const entry = entryOf(item);
    return entry === undefined ? [] : [entry];
  });
}

/** The session lists in `ephemeral`. */
export function sessionIndex(ephemeral: EphemeralStore, clock: { now(): number }): SessionIndex {
  const write = async (userType: string, userId: string, entries: readonly SessionIndexEntry[]): Promise<void> => {
    const key = indexKey(userType, userId);
    const kept = entries.slice(0, SESSION_INDEX_LIMIT);
    const ttl = Math.max(0, ...kept.map((entry) => entry.expiresAt)) - clock.now();
    if (kept.length === 0 || ttl <= 0) {
      await ephemeral.delete(key);
      return;
    }
    await ephemeral.put(key, JSON.stringify(kept), ttl);
  };
  const index: SessionIndex = {
    async entries(userType, userId) {
      const now = clock.now();
      return parse(await ephemeral.get(indexKey(userType, userId))).filter((entry) => entry.expiresAt > now);
    },
    async add(userType, userId, entry) {
      const others = (await index.entries(userType, userId)).filter((known) => known.handle !== entry.handle);
      await write(userType, userId, [entry, ...others]);
    },
    replace: write,
  };
  return index;
}
