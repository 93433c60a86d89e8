/**
 * Account lockout as AM's "Login Failure Lockout Mode": invalid attempts counted server-side per
 * user within a window; at the realm's count the account is locked, persistently (`accountStatus:
 * inactive`) or for a duration that grows by the multiplier with each lockout (`_meta.lockoutCount`).
 */
import type { LockoutSettings } from '../config/realm-config.ts';
import type { LockoutGateway } from '../journeys/engine/node-context.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { IdentityService } from './identity-service.ts';
import { managedTypeOf } from './identity-resource.ts';
import type { ManagedObjectView } from './managed-object-view.ts';

/** What the lockout service is built from. */
export interface LockoutServiceDeps {
  identity: Pick<IdentityService, 'getUser' | 'setAccountStatus' | 'updateMeta'>;
  ephemeral: EphemeralStore;
  /** The lockout settings of the realm whose identities are of this managed type. */
  settingsFor(managedType: string): Promise<LockoutSettings>;
}

const MINUTE_MS = 60_000;

function attemptsKey(type: string, userId: string): string {
  return `lockout:attempts:${type}:${userId}`;
}

function lockKey(type: string, userId: string): string {
  return `lockout:locked:${type}:${userId}`;
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

/** Builds the lockout service (the journeys' `LockoutGateway`). */
export function createLockoutService(deps: LockoutServiceDeps): LockoutGateway {
  const { identity, ephemeral } = deps;

  async function locked(type: string, user: ManagedObjectView | undefined, settings: LockoutSettings): Promise<boolean> {
    if (user === undefined) return false;
    if (isInactive(user)) return true;
    return settings.enabled && (await ephemeral.get(lockKey(type, user._id))) !== undefined;
  }

  async function clearCounters(type: string, userId: string): Promise<void> {
    await ephemeral.delete(attemptsKey(type, userId));
    await ephemeral.delete(lockKey(type, userId));
  }

  async function lock(type: string, user: ManagedObjectView, settings: LockoutSettings): Promise<void> {
    const previous = lockoutCountOf(user);
    if (settings.durationMinutes <= 0) {
      await identity.setAccountStatus(type, user._id, 'inactive');
    } else {
      const minutes = settings.durationMinutes * Math.pow(Math.max(settings.durationMultiplier, 1), previous);
      await ephemeral.put(lockKey(type, user._id), String(previous + 1), Math.round(minutes * MINUTE_MS));
    }
    await identity.updateMeta(type, user._id, (meta) => ({ ...meta, lockoutCount: previous + 1 }));
    await ephemeral.delete(attemptsKey(type, user._id));
  }

  return {
    async isLocked(identityResource, userId) {
      const type = managedTypeOf(identityResource);
      return locked(type, await identity.getUser(type, userId), await deps.settingsFor(type));
    },

    async recordFailure(identityResource, userId) {
      const type = managedTypeOf(identityResource);
      const settings = await deps.settingsFor(type);
      const user = await identity.getUser(type, userId);
      if (user === undefined) return { locked: false, remaining: undefined };
      if (!settings.enabled) return { locked: isInactive(user), remaining: undefined };
      if (await locked(type, user, settings)) return { locked: true, remaining: 0 };
      const failureCount = Math.max(1, settings.failureCount);
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
      await ephemeral.delete(attemptsKey(type, userId));
      // A sign-in that gets through ends the run of lockouts: the next one lasts the base duration.
      const user = await identity.getUser(type, userId);
      if (user !== undefined && lockoutCountOf(user) > 0) await identity.updateMeta(type, userId, (meta) => ({ ...meta, lockoutCount: 0 }));
    },

    async setLocked(identityResource, userId, lockAccount) {
      const type = managedTypeOf(identityResource);
      await identity.setAccountStatus(type, userId, lockAccount ? 'inactive' : 'active');
      if (!lockAccount) await identity.updateMeta(type, userId, (meta) => ({ ...meta, lockoutCount: 0 }));
      await clearCounters(type, userId);
    },
  };
}
