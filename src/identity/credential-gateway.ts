/**
 * The journeys' `CredentialGateway`: the password checks addressed by identity resource
 * (`managed/alpha_user`). Nodes have no other way to verify a password.
 */
import type { CredentialGateway } from '../journeys/engine/node-context.ts';
import { managedTypeOf } from './identity-resource.ts';
import type { PasswordChecks } from './password-checks.ts';

/** Builds the gateway over `checks`. */
export function createCredentialGateway(checks: PasswordChecks): CredentialGateway {
  return {
    checkPassword: (identityResource, username, password, clientIp) => checks.checkPassword(managedTypeOf(identityResource), username, password, clientIp),
  };
}
