/**
 * The one gate every credential check passes (passwords in journeys, zero-page login,
 * `X-OpenIDM-Username`/`X-OpenIDM-Password`, `X-OpenIDM-Reauth-Password`, security answers; later
 * one-time codes). An attempt is **reserved before anything is verified**, atomically in the
 * ephemeral store that every process shares, and refused once the limit is reached, so that a
 * burst of parallel guesses verifies no more credentials than the limit allows:
 *
 * 1. Hashing capacity: when every hashing slot is busy and the queue is full, OVERLOADED (503).
 * 2. The client address: failed checks per client address (IPv6 /64) per fixed window across the
 *    realm (`throttling.clientFailures`); the attempt is counted first, a verified one is given
 *    back; past the limit THROTTLED (429, `Retry-After` the end of the window).
 * 3. The account's budget (its `AttemptBudget`: the realm lockout for users, known or not, the
 *    KBA attempts for security answers, per client address for administrators): refused while an
 *    earlier lock holds; else one attempt reserved with `increment` capped at the limit plus one;
 *    the lock is read again after reserving, so an attempt racing the lock that another one just
 *    set is refused too. Past the limit without a lock, the attempts counted are still running (a
 *    burst): THROTTLED (retry in a second), nothing verified and nobody locked out.
 * 4. Only then `verify` runs. A verified attempt clears the account's failures; the failure that
 *    used the budget's last attempt locks (`lock`). A verification refused as OVERLOADED verified
 *    nothing: the client address and the account's budget get their attempt back.
 *
 * Refusals are answered as the budget says: the account's lockout (`locked`), or a retry-later
 * error (administrators, who are never locked). Verification is the caller's: real or dummy, it
 * costs the same, and the guard does the same store operations for known and unknown accounts.
 */
import type { RealmConfig } from '../config/realm-config.ts';
import { throttlingOf } from '../config/throttling-settings.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import { clientAddress } from './client-address.ts';
import { fixedWindow } from './fixed-window.ts';
import type { RetryLaterError } from './retry-later-error.ts';
import { isRetryLaterError, retryLaterError } from './retry-later-error.ts';

/** How many attempts an account (or an administrator from one address) gets, and what happens at the end. */
export interface AttemptBudget {
  /** The ephemeral key counting the attempts; undefined when nothing limits the account (lockout off). */
  key: string | undefined;
  /** Attempts allowed per window: the failure that uses the last one locks. */
  limit: number;
  /** The counter's lifetime from its first attempt, ms. */
  windowMs: number;
  /** How a refused attempt is answered: `locked` (the account's lockout), or this error (thrown). */
  refusal: 'locked' | RetryLaterError;
  /** True while an earlier lock holds: the attempt is refused without verifying anything. */
  isLocked(): Promise<boolean>;
  /**
   * True when the count itself is the lock (no lock is kept apart: security answers): past the
   * limit the attempt is refused as `refusal` says, whether the attempts counted ended or not.
   */
  countIsLock?: boolean;
  /** The failure that used the last attempt; true when the account is now locked (false: only throttled). */
  lock(): Promise<boolean>;
  /** A verified attempt: the failures are forgotten. */
  clear(): Promise<void>;
}

/** One credential check to run through the guard. */
export interface GuardedAttempt {
  /** The managed type of the identity (which realm's throttling applies). */
  type: string;
  /** The client's address (`request.ip`). */
  clientIp: string;
  budget: AttemptBudget;
  /** The verification, run only for a reserved attempt; true when the credential matches. */
  verify(): Promise<boolean>;
}

/** What became of an attempt that was not refused with an error. */
export type GuardedOutcome =
  | { kind: 'verified' }
  /** A wrong credential; `attempt` is its number in the account's window (undefined without a budget). */
  | { kind: 'failed'; attempt: number | undefined }
  /** Refused without verifying (locked, or the budget used up), or this failure locked the account. */
  | { kind: 'locked' };

/** The guard. */
export interface CredentialGuard {
  /** Runs `attempt` (see the file comment); throws THROTTLED or OVERLOADED retry-later errors. */
  attempt(attempt: GuardedAttempt): Promise<GuardedOutcome>;
}

/** What the guard is built from. */
export interface CredentialGuardDeps {
  ephemeral: EphemeralStore;
  clock: { now(): number };
  /** The realm whose identities are of a managed type (its name and throttling settings). */
  realmOf(type: string): Promise<Pick<RealmConfig, 'name' | 'throttling'>>;
  /** The hashing bound; without it, capacity is not checked before reserving. */
  hashing?: { saturated(): boolean };
}

/** A reservation of the client address: given back when the attempt turns out not to be a failure. */
interface ClientReservation {
  giveBack(): Promise<void>;
}

const NOTHING_RESERVED: ClientReservation = { giveBack: async () => {} };

/** Builds the guard. */
export function createCredentialGuard(deps: CredentialGuardDeps): CredentialGuard {
  const { ephemeral, clock } = deps;

  /** Counts the attempt against the client address; THROTTLED past the realm's limit. */
  async function reserveClient(type: string, clientIp: string): Promise<ClientReservation> {
    const realm = await deps.realmOf(type);
    const { clientFailures, clientWindowSeconds } = throttlingOf(realm);
    if (clientFailures <= 0) return NOTHING_RESERVED;
    const window = fixedWindow(clock.now(), clientWindowSeconds * 1000);
    const base = `throttle:client:${realm.name}:${clientAddress(clientIp)}:${window.index}`;
    // Outlives the window a little; the next window has another key anyway.
    const ttlMs = window.remainingMs + 1000;
    const attempts = await ephemeral.increment(`${base}:attempts`, { ttlMs });
    // Failures are the attempts less the verified ones given back: within the limit either way
    // while the attempts are, so the given-back count is read only past it.
    if (attempts > clientFailures) {
      const givenBack = Number((await ephemeral.get(`${base}:verified`)) ?? '0');
      if (attempts - (Number.isInteger(givenBack) ? givenBack : 0) > clientFailures) {
        throw retryLaterError('THROTTLED', `Too many failed attempts from this address; try again in ${window.retryAfterSeconds} seconds`, window.retryAfterSeconds);
      }
    }
    return {
      async giveBack() {
        await ephemeral.increment(`${base}:verified`, { ttlMs });
      },
    };
  }

  async function refused(budget: AttemptBudget): Promise<GuardedOutcome> {
    if (budget.refusal !== 'locked') throw budget.refusal;
    return { kind: 'locked' };
  }

  return {
    async attempt({ type, clientIp, budget, verify }) {
      if (deps.hashing?.saturated() === true) throw retryLaterError('OVERLOADED', 'Too many password checks are in progress; try again in a moment', 1);
      const client = await reserveClient(type, clientIp);
      if (await budget.isLocked()) return refused(budget);
      let attempt: number | undefined;
      if (budget.key !== undefined) {
        attempt = await ephemeral.increment(budget.key, { ttlMs: budget.windowMs, max: budget.limit + 1 });
        if (await budget.isLocked()) return refused(budget);
        // Past the limit without a lock: the count is made of checks still running (a burst of
        // parallel attempts), not of failures. Nothing is verified, but the account is not locked
        // either: a user whose app signs in several times at once is told to retry, not locked out.
        if (attempt > budget.limit) {
          if (budget.refusal !== 'locked' || budget.countIsLock === true) return refused(budget);
          throw retryLaterError('THROTTLED', 'Too many sign-in attempts of this account are in progress; try again in a moment', 1);
        }
      }
      let verified: boolean;
      try {
        verified = await verify();
      } catch (error) {
        // Nothing was verified: neither the client address nor the account is charged for the
        // server being busy (else overload alone would lock accounts whose owners typed nothing wrong).
        if (isRetryLaterError(error, 'OVERLOADED')) {
          await client.giveBack();
          if (budget.key !== undefined) await ephemeral.decrement(budget.key);
        }
        throw error;
      }
      if (verified) {
        await budget.clear();
        await client.giveBack();
        return { kind: 'verified' };
      }
      if (attempt !== undefined && attempt >= budget.limit && (await budget.lock())) return { kind: 'locked' };
      return { kind: 'failed', attempt };
    },
  };
}
