/**
 * Account lockout as AM's "Login Failure Lockout Mode": invalid attempts counted server-side per
 * user within a window; at the realm's count the account is locked, persistently (`accountStatus:
 * inactive`) or for a duration that grows by the multiplier with each lockout (`_meta.lockoutCount`).
 *
 * The credential guard asks it for the **password budget** of an account: what the guard reserves
 * attempts against before any password is verified. A name that designates no account gets a
 * budget of its own, keyed by a hash of the name, with the same counters, lock and answers, so
 * that an unknown user hammered five times is "locked out" exactly as a real one is (AM would say
 * "Login failure" forever, which tells who exists). Administrators are never locked by failures,
 * which anyone could cause: their budget is per client address and answers 429 when used up.
 */
import { createHash } from 'node:crypto';
import type { LockoutSettings, RealmConfig } from '../config/realm-config.ts';
import { throttlingOf } from '../config/throttling-settings.ts';
import type { LockoutGateway } from '../journeys/engine/node-context.ts';
import { normalizeUsername } from '../policy/usernames.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { AccountChangeListener } from './account-change.ts';
import { isAdministrator } from './administrators.ts';
import { clientAddress } from './client-address.ts';
import type { AttemptBudget } from './credential-guard.ts';
import { fixedWindow } from './fixed-window.ts';
import type { IdentityService } from './identity-service.ts';
import { managedTypeOf } from './identity-resource.ts';
import type { ManagedObjectView } from './managed-object-view.ts';
import { retryLaterError } from './retry-later-error.ts';

/** What the lockout service is built from. */
export interface LockoutServiceDeps {
  identity: Pick<IdentityService, 'getUser' | 'setAccountStatus' | 'updateMeta'>;
  ephemeral: EphemeralStore;
  /** The lockout settings of the realm whose identities are of this managed type. */
  settingsFor(managedType: string): Promise<LockoutSettings>;
  /**
   * Told when a lock for a duration starts (the platform ends the account's sessions). A
   * persistent lock is `accountStatus: inactive`, which the identity service announces.
   */
  onAccountChanged?: AccountChangeListener;
  /** The realm of a managed type (who its administrators are, how they are throttled); without it nobody is an administrator. */
  realmOf?(managedType: string): Promise<Pick<RealmConfig, 'name' | 'throttling'>>;
  /** For the administrators' windows and the end of locks; the system clock by default. */
  clock?: { now(): number };
}

/** Whose password is checked: an account, or a name that designates none (or several). */
export type LockoutSubject = { user: ManagedObjectView } | { unknownName: string };

/** A password budget, and from which attempt on a failure warns (`lockout.warnUserCount`; 0 never). */
export interface PasswordBudget extends AttemptBudget {
  warnFrom: number;
}

/** The lockout service: the journeys' `LockoutGateway`, the password budgets, and the administrators' unlock. */
export interface LockoutService extends LockoutGateway {
  /** The budget the credential guard reserves password attempts against, for `subject` seen from `clientIp`. */
  passwordBudget(type: string, subject: LockoutSubject, clientIp: string): Promise<PasswordBudget>;
  /**
   * Ends a lockout: the lock and the failure count go, the lockout run starts again, and an
   * account made inactive by lockouts (a persistent lockout: inactive with `_meta.lockoutCount`)
   * is active again; one made inactive otherwise stays so. `unlocked` says whether anything was
   * locked or counted; undefined when there is no such account.
   */
  unlock(type: string, userId: string): Promise<{ unlocked: boolean } | undefined>;
  /**
   * The service as one request sees it, over that request's identity service (never share it
   * between requests): a lock is read once (the credential guard's reads before and after
   * reserving an attempt are always fresh, and tell the rest of the request), and a failure count
   * the request's verified password check cleared is not cleared again by its `recordSuccess`.
   */
  forRequest(identity: LockoutServiceDeps['identity']): LockoutService;
}

/** What one request knows of the lockout entries: the locks it read or wrote, the failure counts it cleared. */
interface RequestLockouts {
  locks: Map<string, string | undefined>;
  cleared: Set<string>;
}

const MINUTE_MS = 60_000;
/** How long a name without an account remembers its lockouts (for the multiplier), at least. */
const UNKNOWN_RUNS_MS = 24 * 60 * MINUTE_MS;

function attemptsKey(type: string, subject: string): string {
  return `lockout:attempts:${type}:${subject}`;
}

function lockKey(type: string, subject: string): string {
  return `lockout:locked:${type}:${subject}`;
}

/**
 * A lock's value: the lockout's number and when it ends (`<n>@<epoch ms>`). The entry's own
 * expiry removes it too, but its end is read against the service's clock, so that a lock ends
 * at the same moment on every backend (Redis expires keys by its own clock).
 */
function lockValue(count: number, until: number): string {
  return `${count}@${Math.ceil(until)}`;
}

/** True when the stored lock `value` still holds at `now` (a value without an end holds until it expires). */
function lockHolds(value: string | undefined, now: number): boolean {
  if (value === undefined) return false;
  const until = Number(value.split('@')[1]);
  return !Number.isFinite(until) || until > now;
}

/** The subject key of a name without an account: a hash, so that the store never holds the names people tried. */
function unknownSubject(name: string): string {
  return `unknown:${createHash('sha256').update(normalizeUsername(name).toLowerCase()).digest('hex').slice(0, 32)}`;
}

/** True when `accountStatus` says inactive (DS writes `Inactive`). */
export function isInactive(user: ManagedObjectView): boolean {
  const status = user.attributes.accountStatus;
  return typeof status === 'string' && status.toLowerCase() === 'inactive';
}

function lockoutCountOf(user: ManagedObjectView): number {
  const count = user.meta.lockoutCount;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0;
}

function lockMinutes(settings: LockoutSettings, previous: number): number {
  return settings.durationMinutes * Math.pow(Math.max(settings.durationMultiplier, 1), previous);
}

/** Builds the lockout service. */
export function createLockoutService(deps: LockoutServiceDeps): LockoutService {
  return lockoutService(deps, undefined);
}

/** The lockout service; with `known`, one request's (see `forRequest`). */
function lockoutService(deps: LockoutServiceDeps, known: RequestLockouts | undefined): LockoutService {
  const { identity, ephemeral } = deps;
  const clock = deps.clock ?? { now: () => Date.now() };

  /** The lock entry `key`: what the request already knows of it, unless `fresh`. */
  async function readLock(key: string, fresh = false): Promise<string | undefined> {
    if (!fresh && known?.locks.has(key) === true) return known.locks.get(key);
    const value = await ephemeral.get(key);
    known?.locks.set(key, value);
    return value;
  }

  async function putLock(key: string, value: string, ttlMs: number): Promise<void> {
    await ephemeral.put(key, value, ttlMs);
    known?.locks.set(key, value);
  }

  async function clearAttempts(key: string): Promise<void> {
    await ephemeral.delete(key);
    known?.cleared.add(key);
  }

  async function locked(type: string, user: ManagedObjectView | undefined, settings: LockoutSettings): Promise<boolean> {
    if (user === undefined) return false;
    if (isInactive(user)) return true;
    return settings.enabled && lockHolds(await readLock(lockKey(type, user._id)), clock.now());
  }

  async function clearCounters(type: string, userId: string): Promise<void> {
    await clearAttempts(attemptsKey(type, userId));
    await ephemeral.delete(lockKey(type, userId));
    known?.locks.set(lockKey(type, userId), undefined);
  }

  async function administrator(type: string, user: ManagedObjectView): Promise<boolean> {
    if (deps.realmOf === undefined) return false;
    return isAdministrator((await deps.realmOf(type)).name, user.attributes.userName);
  }

  /**
   * Locks `user`. A persistent lock keeps the window's count when `keepAttempts` (the guard's
   * budget), so that an inactive account still gets no more verifications per window.
   */
  async function lock(type: string, user: ManagedObjectView, settings: LockoutSettings, keepAttempts = false): Promise<void> {
    const previous = lockoutCountOf(user);
    if (settings.durationMinutes <= 0) {
      if (!isInactive(user)) await identity.setAccountStatus(type, user._id, 'inactive');
    } else {
      const lockMs = Math.round(lockMinutes(settings, previous) * MINUTE_MS);
      await putLock(lockKey(type, user._id), lockValue(previous + 1, clock.now() + lockMs), lockMs);
      await deps.onAccountChanged?.({ type, id: user._id, reason: 'locked' });
    }
    await identity.updateMeta(type, user._id, (meta) => ({ ...meta, lockoutCount: previous + 1 }));
    if (!keepAttempts || settings.durationMinutes > 0) await ephemeral.delete(attemptsKey(type, user._id));
  }

  /** Locks a name without an account as `lock` locks an account (the run count lives in the ephemeral store). */
  async function lockUnknown(type: string, subject: string, settings: LockoutSettings): Promise<void> {
    const runsKey = `lockout:runs:${type}:${subject}`;
    const stored = Number(await ephemeral.get(runsKey));
    const previous = Number.isInteger(stored) && stored > 0 ? stored : 0;
    const lockMs = Math.round(lockMinutes(settings, previous) * MINUTE_MS);
    await ephemeral.put(runsKey, String(previous + 1), Math.max(UNKNOWN_RUNS_MS, 2 * lockMs));
    if (settings.durationMinutes > 0) {
      await putLock(lockKey(type, subject), lockValue(previous + 1, clock.now() + lockMs), lockMs);
      await ephemeral.delete(attemptsKey(type, subject));
    }
  }

  /** The budget of an administrator: failures per client address per fixed window, 429 past them, never a lock. */
  async function administratorBudget(type: string, user: ManagedObjectView, clientIp: string): Promise<PasswordBudget> {
    const throttling = throttlingOf(deps.realmOf === undefined ? {} : await deps.realmOf(type));
    const window = fixedWindow(clock.now(), throttling.administratorWindowMinutes * MINUTE_MS);
    const key = `lockout:administrator:${type}:${user._id}:${clientAddress(clientIp)}:${window.index}`;
    const seconds = window.retryAfterSeconds;
    return {
      key: throttling.administratorFailures > 0 ? key : undefined,
      limit: throttling.administratorFailures,
      windowMs: window.remainingMs + 1000,
      refusal: retryLaterError('THROTTLED', `Too many failed sign-ins for this administrator from this address; try again in ${seconds} seconds`, seconds),
      warnFrom: 0,
      isLocked: async () => false,
      lock: async () => false,
      clear: () => ephemeral.delete(key),
    };
  }

  const service: LockoutService = {
    async passwordBudget(type, subject, clientIp) {
      if ('user' in subject && (await administrator(type, subject.user))) return administratorBudget(type, subject.user, clientIp);
      const settings = await deps.settingsFor(type);
      const key = 'user' in subject ? subject.user._id : unknownSubject(subject.unknownName);
      // The guard is about to count an attempt: whatever this request cleared before is counting again.
      known?.cleared.delete(attemptsKey(type, key));
      return {
        key: settings.enabled ? attemptsKey(type, key) : undefined,
        limit: Math.max(1, settings.failureCount),
        windowMs: settings.failureWindowMinutes * MINUTE_MS,
        refusal: 'locked',
        warnFrom: settings.enabled ? settings.warnUserCount : 0,
        // Always read: the guard reads the lock before and after reserving; the request learns it.
        isLocked: async () => settings.enabled && lockHolds(await readLock(lockKey(type, key), true), clock.now()),
        async lock() {
          if ('user' in subject) await lock(type, subject.user, settings, true);
          else await lockUnknown(type, key, settings);
          return true;
        },
        clear: () => clearAttempts(attemptsKey(type, key)),
      };
    },

    async isLocked(identityResource, userId) {
      const type = managedTypeOf(identityResource);
      return locked(type, await identity.getUser(type, userId), await deps.settingsFor(type));
    },

    async recordFailure(identityResource, userId) {
      const type = managedTypeOf(identityResource);
      const settings = await deps.settingsFor(type);
      const user = await identity.getUser(type, userId);
      if (user === undefined) return { locked: false, remaining: undefined };
      if (await administrator(type, user)) return { locked: isInactive(user), remaining: undefined };
      if (!settings.enabled) return { locked: isInactive(user), remaining: undefined };
      if (await locked(type, user, settings)) return { locked: true, remaining: 0 };
      const failureCount = Math.max(1, settings.failureCount);
      known?.cleared.delete(attemptsKey(type, userId));
      const count = await ephemeral.increment(attemptsKey(type, userId), { ttlMs: settings.failureWindowMinutes * MINUTE_MS, max: failureCount });
      if (count < failureCount) {
        const warn = settings.warnUserCount > 0 && count >= settings.warnUserCount;
        return { locked: false, remaining: warn ? failureCount - count : undefined };
      }
      await lock(type, user, settings);
      return { locked: true, remaining: 0 };
    },

    async recordSuccess(identityResource, userId) {
      const type = managedTypeOf(identityResource);
      // Cleared already when this request's password check verified (and nothing counted since).
      if (known?.cleared.has(attemptsKey(type, userId)) !== true) await clearAttempts(attemptsKey(type, userId));
      // A sign-in that gets through ends the run of lockouts: the next one lasts the base duration.
      const user = await identity.getUser(type, userId);
      if (user !== undefined && lockoutCountOf(user) > 0) await identity.updateMeta(type, userId, (meta) => ({ ...meta, lockoutCount: 0 }));
    },

    async setLocked(identityResource, userId, lockAccount) {
      const type = managedTypeOf(identityResource);
      if (lockAccount) {
        // Whoever runs the journey could lock an administrator: they are never locked this way either.
        const user = await identity.getUser(type, userId);
        if (user !== undefined && (await administrator(type, user))) return;
      }
      await identity.setAccountStatus(type, userId, lockAccount ? 'inactive' : 'active');
      if (!lockAccount) await identity.updateMeta(type, userId, (meta) => ({ ...meta, lockoutCount: 0 }));
      await clearCounters(type, userId);
    },

    async unlock(type, userId) {
      const user = await identity.getUser(type, userId);
      if (user === undefined) return undefined;
      const counted = (await ephemeral.get(attemptsKey(type, userId))) !== undefined;
      const lockedFor = lockHolds(await readLock(lockKey(type, userId), true), clock.now());
      // Inactive after lockouts is a persistent lockout; inactive without any is an administrator's (or a journey's) choice, left alone.
      const lockedOut = isInactive(user) && lockoutCountOf(user) > 0;
      if (lockedOut) await identity.setAccountStatus(type, userId, 'active');
      if (lockoutCountOf(user) > 0) await identity.updateMeta(type, userId, (meta) => ({ ...meta, lockoutCount: 0 }));
      await clearCounters(type, userId);
      return { unlocked: counted || lockedFor || lockedOut };
    },

    forRequest(requestIdentity) {
      return lockoutService({ ...deps, identity: requestIdentity }, { locks: new Map(), cleared: new Set() });
    },
  };
  return service;
}
