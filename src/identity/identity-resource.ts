/** Identity resources as trees name them: `managed/<type>` (`managed/alpha_user`). */
import { identityError } from './errors.ts';

/** The managed object type of `managed/<type>`; UNSUPPORTED_IDENTITY_RESOURCE for anything else. */
export function managedTypeOf(identityResource: string): string {
  const match = /^managed\/([A-Za-z0-9_-]+)$/.exec(identityResource);
  if (match?.[1] === undefined) {
    throw identityError('UNSUPPORTED_IDENTITY_RESOURCE', `Unsupported identity resource "${identityResource}": expected managed/<type>`);
  }
  return match[1];
}
