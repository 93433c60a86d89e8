/**
 * One attribute of an Attribute Collector: what the IDM schema says about it (callback type,
 * prompt, whether it is required, its policies), how a submitted value is read, and the
 * String/Number/BooleanAttributeInputCallback that asks for it.
 */
import { ownValue } from '../../json/own-value.ts';
import type { PoliciesObject } from '../engine/callback-builders.ts';
import type { Callback } from '../engine/callbacks.ts';
import { journeyError } from '../engine/errors.ts';
import { localize } from '../engine/localize.ts';
import type { NodeContext, PolicyRequirement } from '../engine/node-context.ts';
import { booleanAttributeInputCallback, numberAttributeInputCallback, stringAttributeInputCallback } from '../engine/self-service-callbacks.ts';

/** The schema types an Attribute Collector can ask for. */
export type AttributeKind = 'string' | 'number' | 'boolean';

/** A value of an attribute; `undefined` is "left empty". */
export type AttributeValue = string | number | boolean | undefined;

/** An attribute as the collector presents it. */
export interface CollectedAttribute {
  /** `/`-pathed name, as configured (`preferences/marketing`). */
  path: string;
  kind: AttributeKind;
  prompt: string;
  /** Config `required` and the schema type does not allow null. */
  required: boolean;
  policies: PoliciesObject;
}

/** The callback type of each kind. */
export const CALLBACK_TYPES: Record<AttributeKind, string> = {
  string: 'StringAttributeInputCallback',
  number: 'NumberAttributeInputCallback',
  boolean: 'BooleanAttributeInputCallback',
};

const KINDS: Record<string, AttributeKind> = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema text (a string, or a locale map in newer IDM schemas) in the request's locale. */
function schemaText(text: unknown, locales: readonly string[]): string | undefined {
  if (typeof text === 'string') return text === '' ? undefined : text;
  if (!isRecord(text)) return undefined;
  const map = Object.fromEntries(Object.entries(text).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return localize(map, locales) || undefined;
}

/**
 * Reads the schema of `path`. Unknown, hidden (`viewable: false`), non-editable when validating
 * (`userEditable: false`) or non-scalar attributes are a configuration error, as in AM.
 */
export async function describeAttribute(
  ctx: Pick<NodeContext<unknown>, 'services' | 'identityResource' | 'request' | 'nodeId'>,
  path: string,
  options: { required: boolean; validate: boolean },
): Promise<CollectedAttribute> {
  const invalid = (why: string) => journeyError('TREE_INVALID', `node ${ctx.nodeId}: configuration contains an invalid attribute ${path} (${why})`);
  const { identity, policy } = ctx.services;
  const property = await identity.schemaProperty(ctx.identityResource, path);
  if (property === undefined) throw invalid(`not in the schema of ${ctx.identityResource}`);
  const root = path.replace(/^\//, '').includes('/') ? await identity.schemaProperty(ctx.identityResource, path.replace(/^\//, '').split('/')[0] ?? '') : property;
  const flags = [property, root ?? {}];
  if (flags.some((candidate) => candidate['viewable'] === false)) throw invalid('not viewable');
  if (options.validate && flags.some((candidate) => candidate['userEditable'] === false)) throw invalid('not user editable');
  const types = (Array.isArray(property['type']) ? property['type'] : [property['type']]).filter((type): type is string => typeof type === 'string');
  const kind = KINDS[types.find((type) => type !== 'null') ?? ''];
  if (kind === undefined) throw invalid(`type ${types.join('/') || 'unknown'} cannot be collected`);
  const allowsNull = types.includes('null') || property['nullable'] === true;
  const { locales } = ctx.request;
  return {
    path,
    kind,
    prompt: schemaText(property['title'], locales) ?? schemaText(property['description'], locales) ?? path,
    required: options.required && !allowsNull,
    policies: options.validate ? await policy.propertyPolicies(ctx.identityResource, path) : {},
  };
}

/** The value `raw` holds for `kind`, or undefined when it has another type (state, stored object). */
export function valueOfKind(kind: AttributeKind, raw: unknown): AttributeValue {
  return typeof raw === kind ? (raw as AttributeValue) : undefined;
}

/**
 * Reads a submitted input: a value, `undefined` for an empty field, or a VALID_TYPE failure.
 * Numbers may come as numeric strings (form posts).
 */
export function readSubmitted(kind: AttributeKind, raw: unknown): { value: AttributeValue } | { failure: PolicyRequirement } {
  const wrongType = { failure: { policyRequirement: 'VALID_TYPE', params: { invalidType: raw === null ? 'null' : typeof raw } } };
  switch (kind) {
    case 'string':
      if (typeof raw !== 'string') return wrongType;
      return { value: raw.trim() === '' ? undefined : raw };
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : wrongType;
    case 'number': {
      if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { value: undefined };
      const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
      return typeof value === 'number' && Number.isFinite(value) ? { value } : wrongType;
    }
  }
}

/** The callback asking for `attribute`, showing `value` (the kind's empty value when undefined). */
export function attributeCallback(attribute: CollectedAttribute, value: AttributeValue, failedPolicies: string[], validateOnly = false): Callback {
  const common = { name: attribute.path, prompt: attribute.prompt, required: attribute.required, policies: attribute.policies, failedPolicies, validateOnly };
  switch (attribute.kind) {
    case 'string':
      return stringAttributeInputCallback({ ...common, value: typeof value === 'string' ? value : '' });
    case 'number':
      return numberAttributeInputCallback({ ...common, value: typeof value === 'number' ? value : null });
    case 'boolean':
      return booleanAttributeInputCallback({ ...common, value: value === true });
  }
}

/** The value at `/`-path `path` of a JSON object (own properties only: `toString` is no attribute). */
export function valueAtPath(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const segment of path.split('/').filter((part) => part !== '')) {
    if (!isRecord(current)) return undefined;
    current = ownValue(current, segment);
  }
  return current;
}
