/** The services behind the IDM routes (`/openidm/…`), as the composition root passes them. */
import type { IdentityService } from '../../identity/identity-service.ts';
import type { ManagedConfigService } from '../../identity/crest/managed-config-service.ts';
import type { ManagedObjectService } from '../../identity/crest/managed-object-service.ts';
import type { LockoutGateway } from '../../journeys/engine/node-context.ts';
import type { PolicyService } from '../../policy/policy-service.ts';

/** What `/openidm/managed`, `/openidm/config/managed` and `/openidm/policy` are built from. */
export interface IdmDeps {
  managedObjects: ManagedObjectService;
  managedConfig: ManagedConfigService;
  policy: Pick<PolicyService, 'resourcePolicies' | 'validateObject' | 'validateProperties'>;
  /** Schemas, and the credential checks of `X-OpenIDM-*` headers and re-authentication. */
  identity: Pick<IdentityService, 'schema' | 'authenticate' | 'verifyPassword' | 'findByAttribute'>;
  /** Failed credential checks count toward the account lockout, as in a journey. */
  lockout: LockoutGateway;
}
