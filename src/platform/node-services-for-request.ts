/**
 * The node services of one request (`RequestNodeServices`): the identity gateway, the password
 * checks and the lockout gateway over that request's identity service (`IdentityService.forRequest`)
 * and lockout view (`LockoutService.forRequest`), so that within one request a user is read once
 * whoever asks (nodes, the credential check, the journey's finish), and the sign-in's bookkeeping
 * lands in one update when the request settles. The other services are the platform's own.
 */
import { createCredentialGateway } from '../identity/credential-gateway.ts';
import type { CredentialGuard } from '../identity/credential-guard.ts';
import { createIdentityGateway, type AmbiguousLookup } from '../identity/identity-gateway.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import type { LockoutService } from '../identity/lockout-service.ts';
import { createPasswordChecks } from '../identity/password-checks.ts';
import type { NodeServices, RequestNodeServices } from '../journeys/engine/node-context.ts';

/** What each request's services are made from. */
export interface NodeServicesForRequestDeps {
  /** The platform's node services (`createNodeServices`): everything but identity, credentials and lockout is shared. */
  services: NodeServices;
  identity: IdentityService;
  lockout: LockoutService;
  guard: CredentialGuard;
  onAmbiguousLookup?: (lookup: AmbiguousLookup) => void;
}

/** A maker of each request's node services. */
export function nodeServicesForRequest(deps: NodeServicesForRequestDeps): () => RequestNodeServices {
  const lookups = deps.onAmbiguousLookup === undefined ? {} : { onAmbiguousLookup: deps.onAmbiguousLookup };
  return () => {
    const request = deps.identity.forRequest();
    const lockout = deps.lockout.forRequest(request.identity);
    const passwords = createPasswordChecks({ identity: request.identity, lockout, guard: deps.guard });
    return {
      services: { ...deps.services, identity: createIdentityGateway(request.identity, lookups), credentials: createCredentialGateway(passwords), lockout },
      settle: request.settle,
    };
  };
}
