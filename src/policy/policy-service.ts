/**
 * The policy service: IDM's policy evaluation for managed object types. Policies come from the
 * type's schema (see `derive-property-policies.ts`); results use IDM's requirement codes and
 * shapes, so they can be returned by `/openidm/policy`, put in a 403's `detail` and in callbacks.
 */
import { deepFreeze } from '../cache/deep-freeze.ts';
import type { ConfigRepository } from '../config/ports.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { storedPasswordHashes } from '../identity/password-history.ts';
import type { ManagedObjectRepository, StoredManagedObject } from '../identity/ports.ts';
import type { ManagedObjectSchema, ManagedProperty } from '../identity/managed-schema.ts';
import { schemaForType } from '../identity/schema-for-type.ts';
import { createPolicyLookup } from './built-in-policies.ts';
import type { PropertyPolicyConfig } from './derive-property-policies.ts';
import { derivePropertyPolicies } from './derive-property-policies.ts';
import { evaluateProperty, valueAtPath } from './evaluate-property.ts';
import type { PropertyPoliciesObject } from './policies-object.ts';
import { policiesObjectOf } from './policies-object.ts';
import type { FailedPolicyRequirement, PolicyContext, PolicyDefinition, PolicyValidationResult } from './policy-types.ts';
import { withUsernameRules } from './username-rules.ts';
import { isUsernameProperty, normalizeUsername, normalizeUsernames } from './usernames.ts';

/** IDM's default internal users (`internal/user`), whose ids a managed userName may not take. */
export const DEFAULT_INTERNAL_USERS: readonly string[] = ['openidm-admin', 'anonymous'];

/** What the policy service is built from. */
export interface PolicyServiceDeps {
  objects: Pick<ManagedObjectRepository, 'findByAttribute' | 'get'>;
  configs: ConfigRepository;
  /** True when an internal user has this id; defaults to `DEFAULT_INTERNAL_USERS`, case-insensitively. */
  internalUserExists?: (userName: string) => Promise<boolean>;
  /** Custom policies, added to (or replacing) the built-ins by policy id. */
  policies?: readonly PolicyDefinition[];
  /** Checks a candidate password against a stored hash (`is-new`); the password hasher's, which reads every supported scheme, by default. */
  verifyPassword?: (hash: string, candidate: string) => Promise<boolean>;
}

/** The object a validation runs against, beyond the values validated. */
export interface ValidationOptions {
  /** The object's id when it exists: `unique` ignores it, and missing fields are read from it. */
  objectId?: string;
  /** The stored object's data, when the caller has it (saves a read). */
  storedObject?: Record<string, unknown>;
  /** The stored password hashes, newest first (current, then `_meta.passwordHistory`); read from the stored object when absent. */
  passwordHistory?: readonly string[];
}

/** IDM's resource policy object: `GET /openidm/policy/managed/<type>`. */
export type ResourcePolicies = { resource: string; properties: PropertyPoliciesObject[] };

/** The policy service. */
export interface PolicyService {
  /** Every property with policies, as IDM's policy endpoint lists them. */
  resourcePolicies(type: string): Promise<ResourcePolicies>;
  /** The policy object of one property (name or `/`-path); `{}` when it has no policies. */
  propertyPolicies(type: string, property: string): Promise<PropertyPoliciesObject | Record<string, never>>;
  /** validateProperty: checks only the given properties (unknown ones are ignored) against `fullObject`. */
  validateProperties(
    type: string,
    properties: Record<string, unknown>,
    options: ValidationOptions & { fullObject: Record<string, unknown> },
  ): Promise<PolicyValidationResult>;
  /** validateObject: checks every property with policies, reading values from `object`. */
  validateObject(type: string, object: Record<string, unknown>, options?: ValidationOptions): Promise<PolicyValidationResult>;
}

/** What the service derives from one schema: the policy configs, with the username rules, and each property's policy object. */
interface DerivedPolicies {
  configs: readonly PropertyPolicyConfig[];
  rules: readonly PropertyPolicyConfig[];
  objects: ReadonlyMap<string, PropertyPoliciesObject>;
}

function ownProperty(schema: ManagedObjectSchema, name: string): ManagedProperty | undefined {
  return Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
}

/** Builds the policy service. */
export function createPolicyService(deps: PolicyServiceDeps): PolicyService {
  const lookup = createPolicyLookup(deps.policies);
  const internalUserExists =
    deps.internalUserExists ?? (async (userName: string) => DEFAULT_INTERNAL_USERS.some((id) => id.toLowerCase() === userName.toLowerCase()));
  let defaultHasher: ReturnType<typeof createPasswordHasher> | undefined;
  const verifyPassword =
    deps.verifyPassword ?? (async (hash: string, candidate: string) => (await (defaultHasher ??= createPasswordHasher()).verify(hash, candidate)).ok);

  /**
   * Derived once per cached schema: a frozen schema is the one the configuration cache hands out
   * until the `managed` document changes (then a new object), so its policies, and the policy
   * objects validated callbacks carry, are computed once and shared (frozen). A schema that is not
   * frozen is derived on every call.
   */
  const derivedBySchema = new WeakMap<ManagedObjectSchema, DerivedPolicies>();
  function derive(schema: ManagedObjectSchema): DerivedPolicies {
    const configs = derivePropertyPolicies(schema);
    return { configs, rules: withUsernameRules(schema, configs), objects: new Map(configs.map((config) => [config.name, policiesObjectOf(config, lookup)])) };
  }
  function derivedOf(schema: ManagedObjectSchema): DerivedPolicies {
    if (!Object.isFrozen(schema)) return derive(schema);
    const known = derivedBySchema.get(schema);
    if (known !== undefined) return known;
    const derived = derive(schema);
    deepFreeze(derived.configs);
    deepFreeze(derived.rules);
    for (const object of derived.objects.values()) deepFreeze(object);
    derivedBySchema.set(schema, derived);
    return derived;
  }

  async function derivedFor(type: string): Promise<DerivedPolicies> {
    return derivedOf((await schemaForType(deps.configs, type)).schema);
  }

  /** What validations evaluate: the derived configs plus the username rule, and the schema (to normalize usernames). */
  async function rulesOf(type: string): Promise<{ schema: ManagedObjectSchema; configs: readonly PropertyPolicyConfig[] }> {
    const { schema } = await schemaForType(deps.configs, type);
    return { schema, configs: derivedOf(schema).rules };
  }

  function contextFor(type: string, fullObject: Record<string, unknown>, options: ValidationOptions): PolicyContext {
    const { objectId } = options;
    let record: Promise<StoredManagedObject | undefined> | undefined;
    const storedRecord = () => (record ??= objectId === undefined ? Promise.resolve(undefined) : deps.objects.get(type, objectId));
    let stored = options.storedObject === undefined ? undefined : Promise.resolve(options.storedObject);
    const storedData = (): Promise<Record<string, unknown>> => (stored ??= storedRecord().then((found) => found?.data ?? {}));
    const storedHashes = async (): Promise<readonly string[]> => {
      if (options.passwordHistory !== undefined) return options.passwordHistory;
      const found = await storedRecord();
      return found === undefined ? [] : storedPasswordHashes(found);
    };
    return {
      type,
      objectId,
      idsHolding: async (property, value) => (await deps.objects.findByAttribute(type, property, value, 2)).map((found) => found.id),
      internalUserExists,
      field: async (name) => {
        const own = valueAtPath(fullObject, name);
        return own === undefined ? valueAtPath(await storedData(), name) : own;
      },
      storedHashes: async (property) => (property.replace(/^\//, '') === 'password' ? storedHashes() : []),
      verifyPassword,
    };
  }

  async function run(checks: { config: PropertyPolicyConfig; value: unknown }[], context: PolicyContext): Promise<PolicyValidationResult> {
    const failed: FailedPolicyRequirement[] = [];
    for (const { config, value } of checks) failed.push(...(await evaluateProperty(config, value, lookup, context)));
    return { result: failed.length === 0, failedPolicyRequirements: failed };
  }

  return {
    async resourcePolicies(type) {
      const { objects } = await derivedFor(type);
      return { resource: `managed/${type}/*`, properties: [...objects.values()] };
    },

    async propertyPolicies(type, property) {
      const name = property.replace(/^\//, '');
      return (await derivedFor(type)).objects.get(name) ?? {};
    },

    async validateProperties(type, properties, options) {
      const { schema, configs } = await rulesOf(type);
      const checks = Object.entries(properties).flatMap(([key, value]) => {
        const name = key.replace(/^\//, '');
        const config = configs.find((candidate) => candidate.name === name);
        if (config === undefined) return [];
        return [{ config, value: typeof value === 'string' && isUsernameProperty(name, ownProperty(schema, name)) ? normalizeUsername(value) : value }];
      });
      return run(checks, contextFor(type, normalizeUsernames(schema, options.fullObject), options));
    },

    async validateObject(type, object, options = {}) {
      const { schema, configs } = await rulesOf(type);
      const normalized = normalizeUsernames(schema, object);
      const checks = configs.map((config) => ({ config, value: valueAtPath(normalized, config.name) }));
      return run(checks, contextFor(type, normalized, options));
    },
  };
}
