/** The identity service as journey nodes call it: by identity resource (`managed/alpha_user`). */
import type { IdentityGateway } from '../journeys/engine/node-context.ts';
import type { IdentityService } from './identity-service.ts';
import { isIdentityError } from './errors.ts';
import { managedTypeOf } from './identity-resource.ts';
import type { ManagedProperty } from './managed-schema.ts';

function propertyAt(properties: Record<string, ManagedProperty>, path: string[]): ManagedProperty | undefined {
  const [head, ...rest] = path;
  const property = head === undefined || !Object.hasOwn(properties, head) ? undefined : properties[head];
  if (property === undefined || rest.length === 0) return property;
  return property.properties === undefined ? undefined : propertyAt(property.properties, rest);
}

/** A lookup that matched several users (and so identified none), for the operator's log: never the value looked up. */
export interface AmbiguousLookup {
  identityResource: string;
  attribute: string;
  /** The ids of (some of) the users sharing the value. */
  ids: string[];
}

/** How many of the users sharing a value an ambiguous lookup names. */
const AMBIGUOUS_IDS = 5;

/**
 * Builds the `IdentityGateway` over the identity service. Identity resources other than
 * `managed/<type>` fail with UNSUPPORTED_IDENTITY_RESOURCE. `findUser` answers only a single match:
 * an attribute shared by several users identifies none of them (a recovery journey then answers
 * as for an unknown address and mails nobody), and `onAmbiguousLookup` tells the operator.
 */
export function createIdentityGateway(identity: IdentityService, options: { onAmbiguousLookup?: (lookup: AmbiguousLookup) => void } = {}): IdentityGateway {
  return {
    async findUser(identityResource, attribute, value) {
      const matches = await identity.findByAttribute(managedTypeOf(identityResource), attribute, value, 2);
      if (matches.length > 1 && options.onAmbiguousLookup !== undefined) {
        const holders = await identity.findByAttribute(managedTypeOf(identityResource), attribute, value, AMBIGUOUS_IDS);
        options.onAmbiguousLookup({ identityResource, attribute, ids: holders.map((holder) => holder._id) });
      }
      return matches.length === 1 ? matches[0] : undefined;
    },

    async getUser(identityResource, id) {
      return identity.getUser(managedTypeOf(identityResource), id);
    },

    async incrementLoginCount(identityResource, id) {
      await identity.incrementLoginCount(managedTypeOf(identityResource), id);
    },

    async patchUser(identityResource, id, fields) {
      await identity.patchUser(managedTypeOf(identityResource), id, fields);
    },

    async updateSystemAttribute(identityResource, id, attribute, update) {
      await identity.updateSystemAttribute(managedTypeOf(identityResource), id, attribute, update);
    },

    async createUser(identityResource, attributes, options = {}) {
      const meta = options.termsAccepted === undefined ? {} : { meta: { termsAccepted: { ...options.termsAccepted } } };
      try {
        return { ok: true, user: await identity.createUser(managedTypeOf(identityResource), attributes, meta) };
      } catch (error) {
        if (isIdentityError(error, 'POLICY_VALIDATION_FAILED')) {
          return { ok: false, message: 'Policy validation failed', failedPolicyRequirements: (error.detail as { failedPolicyRequirements?: unknown } | undefined)?.failedPolicyRequirements };
        }
        throw error;
      }
    },

    async tryPatchUser(identityResource, id, fields) {
      try {
        await identity.patchUser(managedTypeOf(identityResource), id, fields);
        return { ok: true };
      } catch (error) {
        if (isIdentityError(error, 'POLICY_VALIDATION_FAILED') || isIdentityError(error, 'OBJECT_NOT_FOUND')) return { ok: false, message: error.message };
        throw error;
      }
    },

    async recordTermsAccepted(identityResource, id, accepted) {
      await identity.updateMeta(managedTypeOf(identityResource), id, (meta) => ({ ...meta, termsAccepted: { ...accepted } }));
    },

    async schema(identityResource) {
      const { schema } = await identity.schema(managedTypeOf(identityResource));
      return { required: [...schema.required], properties: structuredClone(schema.properties) as Record<string, Record<string, unknown>> };
    },

    async schemaProperty(identityResource, name) {
      const { schema } = await identity.schema(managedTypeOf(identityResource));
      const property = propertyAt(schema.properties, name.replace(/^\//, '').split('/'));
      return property === undefined ? undefined : structuredClone(property);
    },
  };
}
