/** The identity stack on in-memory fakes, for unit tests: fast hashing, a manual clock, predictable ids. */
import { createPolicyService } from '../../policy/policy-service.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import { createIdentityService } from '../identity-service.ts';
import type { IdentityService } from '../identity-service.ts';
import type { PasswordHashParameters, PasswordHasher } from '../password-hasher.ts';
import { createPasswordHasher } from '../password-hasher.ts';
import type { FakeManagedObjects } from './fake-managed-objects.ts';
import { createFakeManagedObjects } from './fake-managed-objects.ts';
import { createFakeConfigs } from './fake-configs.ts';
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
  objects: FakeManagedObjects;
  configs: ReturnType<typeof createFakeConfigs>;
  policy: PolicyService;
  hasher: PasswordHasher;
  identity: IdentityService;
}

/** Builds the stack; `hasher` replaces the fast one (e.g. to test rehashing). */
export function createIdentityFixture(options: { hasher?: PasswordHasher } = {}): IdentityFixture {
  const clock = createManualClock();
  const objects = createFakeManagedObjects();
  const configs = createFakeConfigs();
  const policy = createPolicyService({ objects, configs });
  const hasher = options.hasher ?? createPasswordHasher(FAST_ARGON2);
  let count = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++count).padStart(12, '0')}`;
  const identity = createIdentityService({ objects, configs, policy, hasher, clock, newId });
  return { clock, objects, configs, policy, hasher, identity };
}
