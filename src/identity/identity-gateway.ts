/** The identity service as journey nodes call it: by identity resource (`managed/alpha_user`). */
import type { IdentityGateway } from '../journeys/engine/node-context.ts';
import type { IdentityService } from './identity-service.ts';
import { managedTypeOf } from './identity-resource.ts';
import type { ManagedProperty } from './managed-schema.ts';

function propertyAt(properties: Record<string, ManagedProperty>, path: string[]): ManagedProperty | undefined {
  const [head, ...rest] = path;
  const property = head === undefined ? undefined : properties[head];
  if (property === undefined || rest.length === 0) return property;
  return property.properties === undefined ? undefined : propertyAt(property.properties, rest);
}

/**
 * Builds the `IdentityGateway` over the identity service. Identity resources other than
 * `managed/<type>` fail with UNSUPPORTED_IDENTITY_RESOURCE. `findUser` answers only a single match:
 * an attribute shared by several users identifies none of them.
 */
export function createIdentityGateway(identity: IdentityService): IdentityGateway {
  return {
    async findUser(identityResource, attribute, value) {
      const matches = await identity.findByAttribute(managedTypeOf(identityResource), attribute, value, 2);
      return matches.length === 1 ? matches[0] : undefined;
    },

    async getUser(identityResource, id) {
      return identity.getUser(managedTypeOf(identityResource), id);
    },

    async verifyPassword(identityResource, id, password) {
      return identity.verifyPassword(managedTypeOf(identityResource), id, password);
    },

    async dummyVerify(password) {
      await identity.dummyVerify(password);
    },

    async incrementLoginCount(identityResource, id) {
      await identity.incrementLoginCount(managedTypeOf(identityResource), id);
    },

    async patchUser(identityResource, id, fields) {
      await identity.patchUser(managedTypeOf(identityResource), id, fields);
    },

    async schemaProperty(identityResource, name) {
      const { schema } = await identity.schema(managedTypeOf(identityResource));
      const property = propertyAt(schema.properties, name.replace(/^\//, '').split('/'));
      return property === undefined ? undefined : structuredClone(property);
    },
  };
}
