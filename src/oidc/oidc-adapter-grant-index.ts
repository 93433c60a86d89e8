/**
 * The per-grant index of an ephemeral model's records: one small entry per (realm, model, grant)
 * listing the hashed ids of the grant's live records with their expiry, so `revokeByGrantId`
 * finds them without scanning. The entry is rewritten under a short lock taken with the ephemeral
 * store's atomic `increment` (the only compare-and-set it has), so two tokens issued at once under
 * one grant are both listed, across processes. Expired members are dropped on every write; the
 * entry lives as long as its longest-lived member.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { StoreClock } from '../store/store-clock.ts';
import { oidcAdapterError } from './oidc-adapter-errors.ts';
import { OIDC_MAX_GRANT_MEMBERS } from './oidc-adapter-models.ts';
import { parseObject } from './oidc-adapter-payload.ts';

const LOCK_TTL_MS = 5_000;
const LOCK_ATTEMPTS = 100;
const LOCK_PAUSE_MS = 20;

/** A grant's live members: hashed id → expiry (epoch ms). */
type Members = Map<string, number>;

function readMembers(text: string | undefined, now: number): Members {
  const members: Members = new Map();
  const object = text === undefined ? undefined : parseObject(text);
  for (const [id, expiresAt] of Object.entries(object ?? {})) {
    if (typeof expiresAt === 'number' && expiresAt > now) members.set(id, expiresAt);
  }
  return members;
}

/** The grant index of one model in one realm. */
export interface GrantIndex {
  /** Lists `hashedId` (live until `expiresAt`) under the grant. */
  add(grantKey: string, hashedId: string, expiresAt: number): Promise<void>;
  /** Removes the grant's entry and hands its live members to `remove`, one by one. */
  revoke(grantKey: string, remove: (hashedId: string) => Promise<void>): Promise<void>;
}

/** A grant index on `ephemeral`, entries under `<grantKey>` and their locks under `<grantKey>:lock`. */
export function grantIndex(ephemeral: EphemeralStore, clock: StoreClock): GrantIndex {
  async function locked<T>(grantKey: string, work: () => Promise<T>): Promise<T> {
    const lock = `${grantKey}:lock`;
    for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt += 1) {
      if ((await ephemeral.increment(lock, { ttlMs: LOCK_TTL_MS, max: 2 })) === 1) {
        try {
          return await work();
        } finally {
          await ephemeral.delete(lock);
        }
      }
      await sleep(LOCK_PAUSE_MS);
    }
    throw oidcAdapterError('OIDC_GRANT_BUSY', 'a grant index stayed locked too long');
  }

  return {
    add(grantKey, hashedId, expiresAt) {
      return locked(grantKey, async () => {
        const now = clock.now();
        const members = readMembers(await ephemeral.get(grantKey), now);
        members.set(hashedId, Math.max(expiresAt, members.get(hashedId) ?? 0));
        if (members.size > OIDC_MAX_GRANT_MEMBERS) throw oidcAdapterError('OIDC_GRANT_TOO_MANY', `a grant has more than ${OIDC_MAX_GRANT_MEMBERS} live records of one kind`);
        const until = Math.max(...members.values());
        await ephemeral.put(grantKey, JSON.stringify(Object.fromEntries(members)), until - now);
      });
    },
    revoke(grantKey, remove) {
      return locked(grantKey, async () => {
        const members = readMembers(await ephemeral.consume(grantKey), clock.now());
        for (const hashedId of members.keys()) await remove(hashedId);
      });
    },
  };
}
