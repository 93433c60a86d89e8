/** The services behind the IDM routes (`/openidm/…`), as the composition root passes them. */
import type { IdentityService } from '../../identity/identity-service.ts';
import type { ManagedConfigService } from '../../identity/crest/managed-config-service.ts';
import type { ManagedObjectService } from '../../identity/crest/managed-object-service.ts';
import type { LockoutService } from '../../identity/lockout-service.ts';
import type { PasswordChecks } from '../../identity/password-checks.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import type { RelationshipService } from '../../identity/relationships/relationship-service.ts';

/** What `/openidm/managed`, `/openidm/config/managed` and `/openidm/policy` are built from. */
export interface IdmDeps {
  managedObjects: ManagedObjectService;
  /** `/managed/<type>/<id>/<relationship>` and who holds which internal roles. */
  relationships?: RelationshipService;
  managedConfig: ManagedConfigService;
  policy: Pick<PolicyService, 'resourcePolicies' | 'validateObject' | 'validateProperties'>;
  /** Schemas. */
  identity: Pick<IdentityService, 'schema'>;
  /**
   * The credential checks of `X-OpenIDM-Username`/`X-OpenIDM-Password` and of re-authentication,
   * through the credential guard: they count toward the account lockout, as in a journey, and
   * toward the client address's throttle.
   */
  passwords: PasswordChecks;
  /** The account lockout: a success through headers ends the run of lockouts; `_action=unlock`. */
  lockout: Pick<LockoutService, 'unlock' | 'recordSuccess'>;
}
