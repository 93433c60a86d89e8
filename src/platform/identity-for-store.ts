/** The policy and identity services over a store, as the server, the bootstrap and the CLI all build them. */
import type { IdentityService } from '../identity/identity-service.ts';
import { createIdentityService } from '../identity/identity-service.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import type { PolicyService } from '../policy/policy-service.ts';
import { createPolicyService } from '../policy/policy-service.ts';
import type { Store } from '../store/store.ts';

/** Builds the policy service and the identity service on `store`. */
export function identityForStore(store: Store, clock: { now(): number }): { policy: PolicyService; identity: IdentityService } {
  const policy = createPolicyService({ objects: store.managedObjects, configs: store.configs });
  const identity = createIdentityService({ objects: store.managedObjects, configs: store.configs, policy, hasher: createPasswordHasher(), clock });
  return { policy, identity };
}
