/**
 * The `managed` config document over `/openidm/config/managed`: read as stored, replaced only when
 * it parses (400 naming the field) and names known policies; the database's search indexes and
 * unique constraints follow each object type's schema, and a constraint existing data breaks is
 * refused (409) with nothing changed.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import { hasErrorCode, identityError, isIdentityError } from '../errors.ts';
import type { ManagedConfig } from '../managed-schema.ts';
import { parseManagedConfig } from '../managed-schema.ts';
import type { ManagedObjectRepository } from '../ports.ts';
import { MANAGED_CONFIG_ID, schemaForType } from '../schema-for-type.ts';
import { createPolicyLookup } from '../../policy/built-in-policies.ts';
import { isPolicyError } from '../../policy/errors.ts';
import { crestError } from './errors.ts';
import { isJsonObject } from './json-pointer.ts';
import { searchableProperties, uniqueProperties } from './schema-properties.ts';

/** What the config service is built from. */
export interface ManagedConfigServiceDeps {
  configs: ConfigRepository;
  objects: Pick<ManagedObjectRepository, 'setSearchableAttributes' | 'setUniqueAttributes'>;
  /** True when the policy service knows this policy id; IDM's built-in policies by default. */
  knowsPolicy?: (policyId: string) => boolean;
}

/** Reading and replacing the `managed` config. */
export interface ManagedConfigService {
  /** The stored document with IDM's `_id: "managed"`; NOT_FOUND when none is stored. */
  read(): Promise<Record<string, unknown>>;
  /** Validates, re-indexes and stores `body`; returns what `read` will return. */
  replace(body: unknown): Promise<Record<string, unknown>>;
}

function checkPolicies(config: ManagedConfig, knowsPolicy: (policyId: string) => boolean): void {
  for (const [i, object] of config.objects.entries()) {
    for (const [name, property] of Object.entries(object.schema.properties)) {
      for (const [j, policy] of (property.policies ?? []).entries()) {
        if (!knowsPolicy(policy.policyId)) {
          throw identityError('INVALID_MANAGED_CONFIG', `managed.objects[${i}].schema.properties.${name}.policies[${j}].policyId: unknown policy "${policy.policyId}"`);
        }
      }
    }
  }
}

async function uniqueBefore(configs: ConfigRepository, type: string): Promise<string[]> {
  try {
    return uniqueProperties((await schemaForType(configs, type)).schema);
  } catch (error) {
    if (isIdentityError(error, 'UNKNOWN_MANAGED_TYPE')) return [];
    throw error;
  }
}

/** True for the policy ids of IDM's built-in policies. */
export function isBuiltInPolicy(policyId: string): boolean {
  try {
    createPolicyLookup()(policyId);
    return true;
  } catch (error) {
    if (isPolicyError(error, 'UNKNOWN_POLICY')) return false;
    throw error;
  }
}

/** Builds the config service. */
export function createManagedConfigService(deps: ManagedConfigServiceDeps): ManagedConfigService {
  const { configs, objects } = deps;
  const knowsPolicy = deps.knowsPolicy ?? isBuiltInPolicy;

  /** Applies each type's unique constraints; on failure puts back those already changed. */
  async function applyUniqueConstraints(config: ManagedConfig): Promise<void> {
    const done: { type: string; previous: string[] }[] = [];
    for (const object of config.objects) {
      const previous = await uniqueBefore(configs, object.name);
      const wanted = uniqueProperties(object.schema);
      try {
        await objects.setUniqueAttributes(object.name, wanted);
      } catch (error) {
        for (const { type, previous: attributes } of done.reverse()) await objects.setUniqueAttributes(type, attributes);
        if (!hasErrorCode(error, 'UNIQUE_VIOLATION')) throw error;
        throw crestError('CONFLICT', `Cannot make ${wanted.join(', ')} of managed/${object.name} unique: stored objects share a value (${(error as Error).message})`);
      }
      done.push({ type: object.name, previous });
    }
  }

  const service: ManagedConfigService = {
    async read() {
      const stored = await configs.get(MANAGED_CONFIG_ID);
      if (!isJsonObject(stored)) throw crestError('NOT_FOUND', `No configuration exists for id ${MANAGED_CONFIG_ID}`);
      const { _id, ...document } = stored;
      return { _id: MANAGED_CONFIG_ID, ...document };
    },

    async replace(body) {
      if (!isJsonObject(body)) throw crestError('BAD_REQUEST', 'The request body must be a JSON object');
      const { _id, ...document } = body;
      const config = parseManagedConfig(document);
      checkPolicies(config, knowsPolicy);
      await applyUniqueConstraints(config);
      for (const object of config.objects) await objects.setSearchableAttributes(object.name, searchableProperties(object.schema));
      await configs.put(MANAGED_CONFIG_ID, config);
      return service.read();
    },
  };
  return service;
}
