/**
 * The identity stack for unit tests on the memory store (the real store semantics, in memory):
 * fast hashing, a manual clock (also the store's), predictable ids.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import { createPolicyService } from '../../policy/policy-service.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import type { MemoryManagedObjectRepository } from '../../store/memory/memory-managed-object-repository.ts';
import { openMemoryStore, type MemoryStore } from '../../store/memory/open-memory-store.ts';
import { createIdentityService } from '../identity-service.ts';
import type { IdentityService } from '../identity-service.ts';
import type { PasswordHashParameters, PasswordHasher } from '../password-hasher.ts';
import { createPasswordHasher } from '../password-hasher.ts';
import type { ManualClock } from './manual-clock.ts';
import { createManualClock } from './manual-clock.ts';

/** Cheap argon2id parameters that keep tests fast (never for production). */
export const FAST_ARGON2: PasswordHashParameters = { memoryCost: 256, timeCost: 1, parallelism: 1 };

/** A valid new user of the default schema. */
export const ALICE: Readonly<Record<string, unknown>> = Object.freeze({
  userName: 'alice',
  givenName: 'Alice',
  sn: 'Liddell',
  mail: 'alice@example.com',
  password: 'Wonderland1',
});

/** Everything a test of the identity service may poke at. */
export interface IdentityFixture {
  clock: ManualClock;
  /** The memory store everything is built on (its clock is `clock`). */
  store: MemoryStore;
  /** `store.managedObjects`. */
  objects: MemoryManagedObjectRepository;
  /** `store.configs`. */
  configs: ConfigRepository;
  policy: PolicyService;
  hasher: PasswordHasher;
  identity: IdentityService;
}

/** Builds the stack; `hasher` replaces the fast one (e.g. to test rehashing). */
export function createIdentityFixture(options: { hasher?: PasswordHasher } = {}): IdentityFixture {
  const clock = createManualClock();
  const store = openMemoryStore({ clock });
  const objects = store.managedObjects;
  const configs = store.configs;
  const policy = createPolicyService({ objects, configs });
  const hasher = options.hasher ?? createPasswordHasher(FAST_ARGON2);
  let count = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++count).padStart(12, '0')}`;
  const identity = createIdentityService({ objects, configs, policy, hasher, clock, newId });
  return { clock, store, objects, configs, policy, hasher, identity };
}
