/** The policy and identity services over a store, as the server, the bootstrap and the CLI all build them. */
import type { AccountChangeListener } from '../identity/account-change.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import { createIdentityService } from '../identity/identity-service.ts';
import type { KbaAnswerStorage } from '../identity/kba-answers.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import type { PasswordHasher } from '../identity/password-hasher.ts';
import type { PolicyService } from '../policy/policy-service.ts';
import { createPolicyService } from '../policy/policy-service.ts';
import type { KbaAnswerHasher } from '../selfservice/kba/kba-answer-hasher.ts';
import { createKbaAnswerHasher } from '../selfservice/kba/kba-answer-hasher.ts';
import type { Store } from '../store/store.ts';
import { kbaStorageFor } from './kba-storage-for.ts';

/** What `identityForStore` builds: the services, and the KBA answer hashing they (and the KBA gateway) share. */
export interface IdentityForStore {
  policy: PolicyService;
  identity: IdentityService;
  /** The KBA gateway's answer hasher. */
  kbaAnswers: KbaAnswerHasher;
  /** How identity writes store security answers (hashed by `kbaAnswers`, under the configured property). */
  kbaStorage: Required<KbaAnswerStorage>;
}

/**
 * Builds the policy service and the identity service on `store`. `hasher` (argon2id with OWASP's
 * parameters unless given) hashes passwords and security answers; tests pass cheap parameters.
 * `onAccountChanged` hears of passwords set and accounts deactivated (the server ends their sessions).
 */
export function identityForStore(
  store: Pick<Store, 'managedObjects' | 'configs'>,
  clock: { now(): number },
  options: { hasher?: PasswordHasher; onAccountChanged?: AccountChangeListener } = {},
): IdentityForStore {
  const hasher = options.hasher ?? createPasswordHasher();
  // Password history (`is-new`) verifies with the same hasher, so the server's hashing bound covers it too.
  const policy = createPolicyService({ objects: store.managedObjects, configs: store.configs, verifyPassword: async (hash, candidate) => (await hasher.verify(hash, candidate)).ok });
  const kbaAnswers = createKbaAnswerHasher(hasher);
  const kbaStorage = kbaStorageFor(store.configs, kbaAnswers);
  const listener = options.onAccountChanged === undefined ? {} : { onAccountChanged: options.onAccountChanged };
  const identity = createIdentityService({ objects: store.managedObjects, configs: store.configs, policy, hasher, clock, ...kbaStorage, ...listener });
  return { policy, identity, kbaAnswers, kbaStorage };
}
