/**
 * The profile section's fields, from the user type's schema: the viewable properties a form can
 * show (text, booleans, and objects of booleans such as `preferences`), editable when
 * `userEditable`. A posted form becomes the PATCH operations of what changed, for the managed
 * object service, which checks them with the same access rules and policies as the REST self
 * PATCH; its failed policies come back here attached to their fields.
 */
import type { PatchOperation } from '../../identity/crest/patch-operations.ts';
import { parsePatchOperations } from '../../identity/crest/patch-operations.ts';
import { isPrivate, isRelationship } from '../../identity/crest/schema-properties.ts';
import type { ManagedObjectSchema, ManagedProperty } from '../../identity/managed-schema.ts';
import type { RequirementFailure } from '../../policy/policy-types.ts';

/** One field of the profile form. */
export interface ProfileField {
  /** `givenName`, or `preferences/updates` for a flag inside an object. */
  name: string;
  /** The schema's title (or description, or name). */
  title: string;
  kind: 'text' | 'email' | 'checkbox';
  editable: boolean;
}

/** The values of the form: text as typed, checkboxes as booleans. */
export type ProfileValues = Record<string, string | boolean>;

function hasType(property: ManagedProperty | undefined, type: string): boolean {
  const declared = property?.type;
  return Array.isArray(declared) ? declared.includes(type as never) : declared === type;
}

function titleOf(name: string, property: ManagedProperty): string {
  const title = typeof property.title === 'string' && property.title !== '' ? property.title : property.description;
  return typeof title === 'string' && title !== '' ? title : name;
}

function isEmail(property: ManagedProperty): boolean {
  return Array.isArray(property.policies) && property.policies.some((policy) => policy.policyId === 'valid-email-address-format');
}

/** The fields of `schema` a person sees on their profile, in the schema's order. */
export function profileFieldsOf(schema: ManagedObjectSchema): ProfileField[] {
  const fields: ProfileField[] = [];
  const names = [...schema.order, ...Object.keys(schema.properties).filter((name) => !schema.order.includes(name))];
  for (const name of names) {
    const property = Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
    if (property === undefined || name.startsWith('_') || property.viewable !== true || isPrivate(property) || property.isVirtual === true || isRelationship(property)) continue;
    const editable = property.userEditable === true;
    if (hasType(property, 'string')) fields.push({ name, title: titleOf(name, property), kind: isEmail(property) ? 'email' : 'text', editable });
    else if (hasType(property, 'boolean')) fields.push({ name, title: titleOf(name, property), kind: 'checkbox', editable });
    else if (hasType(property, 'object') && property.properties !== undefined) {
      const inner = property.properties;
      const order = [...(property.order ?? []), ...Object.keys(inner).filter((key) => !(property.order ?? []).includes(key))];
      for (const key of order) {
        const flag = Object.hasOwn(inner, key) ? inner[key] : undefined;
        if (flag !== undefined && hasType(flag, 'boolean')) fields.push({ name: `${name}/${key}`, title: titleOf(key, flag), kind: 'checkbox', editable });
      }
    }
  }
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored value of `field` on `user` as the form shows it. */
export function storedValue(user: Record<string, unknown>, field: ProfileField): string | boolean {
  const [head = '', key] = field.name.split('/');
  const top = Object.hasOwn(user, head) ? user[head] : undefined;
  const value = key === undefined ? top : isRecord(top) && Object.hasOwn(top, key) ? top[key] : undefined;
  if (field.kind === 'checkbox') return value === true;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The values `form` posts for the editable `fields`; a field the form does not carry is left out
 * (unchanged). A checkbox posts `false` from a hidden field before it, and `true` when ticked.
 */
export function postedValues(fields: readonly ProfileField[], form: ReadonlyMap<string, string>): ProfileValues {
  const values: ProfileValues = {};
  for (const field of fields) {
    const posted = form.get(field.name);
    if (!field.editable || posted === undefined) continue;
    values[field.name] = field.kind === 'checkbox' ? posted === 'true' : posted.trim();
  }
  return values;
}

/**
 * The PATCH operations that make `user` hold `values`: a changed text is replaced (removed when
 * emptied), and flags inside an object replace that object as a whole (the stored one, changed).
 */
export function profileOperations(fields: readonly ProfileField[], user: Record<string, unknown>, values: ProfileValues): PatchOperation[] {
  const operations: { operation: string; field: string; value?: unknown }[] = [];
  const objects = new Map<string, Record<string, unknown>>();
  for (const field of fields) {
    if (!field.editable || !Object.hasOwn(values, field.name)) continue;
    const value = values[field.name];
    if (value === storedValue(user, field)) continue;
    const [head = '', key] = field.name.split('/');
    if (key !== undefined) {
      const stored = Object.hasOwn(user, head) ? user[head] : undefined;
      const object = objects.get(head) ?? (isRecord(stored) ? { ...stored } : {});
      object[key] = value;
      objects.set(head, object);
    } else if (value === '') operations.push({ operation: 'remove', field: `/${head}` });
    else operations.push({ operation: 'replace', field: `/${head}`, value });
  }
  for (const [head, object] of objects) operations.push({ operation: 'replace', field: `/${head}`, value: object });
  return parsePatchOperations(operations);
}

/** The failed requirements of a policy refusal, by field name (`''` for those of no field on the form). */
export function failuresByField(fields: readonly ProfileField[], detail: unknown): Map<string, RequirementFailure[]> {
  const failures = new Map<string, RequirementFailure[]>();
  const entries = isRecord(detail) && Array.isArray(detail.failedPolicyRequirements) ? detail.failedPolicyRequirements : [];
  for (const entry of entries.slice(0, 50)) {
    if (!isRecord(entry) || typeof entry.property !== 'string' || !Array.isArray(entry.policyRequirements)) continue;
    const property = entry.property.replace(/^\//, '');
    const name = fields.some((field) => field.name === property) ? property : '';
    const known = failures.get(name) ?? [];
    for (const requirement of entry.policyRequirements) {
      if (isRecord(requirement) && typeof requirement.policyRequirement === 'string') {
        known.push({ policyRequirement: requirement.policyRequirement, ...(isRecord(requirement.params) ? { params: requirement.params } : {}) });
      }
    }
    failures.set(name, known);
  }
  return failures;
}
