/**
 * The shapes of the policy service: IDM's policy definitions, what a policy sees when it checks a
 * value, and IDM's validation result as the REST API and callbacks carry it.
 */

/**
 * A failed requirement as IDM reports it: `{policyRequirement, params?}`; regexpMatches also
 * carries `regexp` and `flags` beside `params`.
 */
export type RequirementFailure = {
  policyRequirement: string;
  regexp?: string;
  params?: Record<string, unknown>;
  flags?: string;
};

/** One entry of `failedPolicyRequirements`: one per failing policy, so a property may repeat. */
export type FailedPolicyRequirement = {
  property: string;
  policyRequirements: RequirementFailure[];
};

/** IDM's answer to validateObject / validateProperty (and the `detail` of a 403 on writes). */
export type PolicyValidationResult = {
  result: boolean;
  failedPolicyRequirements: FailedPolicyRequirement[];
};

/** What a policy may look up beyond the value: other objects, internal users, other fields. */
export interface PolicyContext {
  /** The managed object type validated (`alpha_user`). */
  type: string;
  /** Id of the object validated; undefined for a new object. */
  objectId: string | undefined;
  /** Ids of objects of the type whose top-level `property` equals `value` (case-insensitively). */
  idsHolding(property: string, value: string): Promise<string[]>;
  /** True when an IDM internal user (`internal/user`) has this id. */
  internalUserExists(userName: string): Promise<boolean>;
  /** A field of the object validated, or of the stored object when the update leaves it out. */
  field(name: string): Promise<unknown>;
  /**
   * The stored hashes of `property`, newest first: its current hash, then the previous ones the
   * password history keeps. Empty for a new object, and for any property but the hashed `password`.
   */
  storedHashes(property: string): Promise<readonly string[]>;
  /** True when `candidate` matches `hash` (any supported hash scheme). */
  verifyPassword(hash: string, candidate: string): Promise<boolean>;
}

/** One check of one value by one policy. */
export interface PolicyCheck {
  value: unknown;
  params: Record<string, unknown>;
  /** The property's name (or `/`-path). */
  property: string;
  /** Failures already reported for this property in this validation (IDM's `failedPolicyRequirements`). */
  earlierFailures: readonly RequirementFailure[];
  context: PolicyContext;
}

/** A policy: IDM's `{policyId, policyRequirements, validateOnlyIfPresent, clientValidation}` plus its code. */
export interface PolicyDefinition {
  policyId: string;
  /** Requirement codes the policy may report, as `GET /openidm/policy` lists them. */
  policyRequirements: readonly string[];
  /** Skipped entirely when the property is absent (`undefined`) from the validated object. */
  validateOnlyIfPresent: boolean;
  /** IDM ships the function to browsers for live checks. */
  clientValidation: boolean;
  validate(check: PolicyCheck): RequirementFailure[] | Promise<RequirementFailure[]>;
}

/** True when `REQUIRED` already failed for the property: most string policies then fail too, as IDM's do. */
export function requiredFailed(check: PolicyCheck): boolean {
  return check.earlierFailures.some((failure) => failure.policyRequirement === 'REQUIRED');
}

/** A string with at least one character. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * IDM's usual rule for a format policy: fail when the value is a non-empty string that does not
 * pass, or when the property is required and missing (then nothing can pass).
 */
export function failsFormat(check: PolicyCheck, passes: (value: string) => boolean): boolean {
  return isNonEmptyString(check.value) ? !passes(check.value) : requiredFailed(check);
}
