/**
 * A Node Designer node type (Identity Cloud's custom nodes), as exports carry it: `_id` (the node
 * type trees name, `designer-…`), `serviceName`, `displayName`, the next-generation `script`
 * (its source, or a list of lines), the `outcomes` it may choose, `errorOutcome` (an `error`
 * outcome taken when the script fails), the state keys it reads and writes (`inputs`, `outputs`)
 * and its typed `properties` with their defaults. Read as hostile input.
 */
import { isDeepStrictEqual } from 'node:util';

/** The prefix of the type ids Node Designer gives custom nodes. */
export const CUSTOM_NODE_TYPE_PREFIX = 'designer-';

/** The outcome of a custom node whose script fails, when it declares `errorOutcome`. */
export const CUSTOM_NODE_ERROR_OUTCOME = 'error';

/** One property of a custom node. */
export interface CustomNodeProperty {
  title: string;
  description: string;
  type: 'NUMBER' | 'STRING' | 'OBJECT' | 'BOOLEAN';
  required: boolean;
  multivalued: boolean;
  defaultValue?: unknown;
  options?: Record<string, string>;
}

/** A custom node type. */
export interface CustomNodeType {
  _id: string;
  serviceName: string;
  displayName: string;
  description: string;
  /** The script's source. */
  script: string;
  outcomes: string[];
  errorOutcome: boolean;
  inputs: string[];
  outputs: string[];
  tags: string[];
  properties: Record<string, CustomNodeProperty>;
}

/** The definition, or why it cannot be read. */
export type ParsedCustomNodeType = { ok: true; type: CustomNodeType } | { ok: false; error: string };

const PROPERTY_TYPES: ReadonlySet<string> = new Set(['NUMBER', 'STRING', 'OBJECT', 'BOOLEAN']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? [...value] : undefined;
}

function parseProperty(name: string, value: unknown): CustomNodeProperty | string {
  if (!isRecord(value)) return `property ${name} is not an object`;
  const type = own(value, 'type');
  if (typeof type !== 'string' || !PROPERTY_TYPES.has(type)) return `property ${name} has no type of NUMBER, STRING, OBJECT or BOOLEAN`;
  const options = own(value, 'options');
  const property: CustomNodeProperty = {
    title: typeof own(value, 'title') === 'string' ? String(own(value, 'title')) : name,
    description: typeof own(value, 'description') === 'string' ? String(own(value, 'description')) : '',
    type: type as CustomNodeProperty['type'],
    required: own(value, 'required') === true,
    multivalued: own(value, 'multivalued') === true,
  };
  if (own(value, 'defaultValue') !== undefined) property.defaultValue = structuredClone(own(value, 'defaultValue'));
  if (isRecord(options) && Object.values(options).every((entry) => typeof entry === 'string')) property.options = { ...(options as Record<string, string>) };
  return property;
}

/** Reads a custom node type of an export (`id` is the key it came under, when any). */
export function parseCustomNodeType(json: unknown, id?: string): ParsedCustomNodeType {
  if (!isRecord(json)) return { ok: false, error: 'the node type is not an object' };
  const typeId = typeof own(json, '_id') === 'string' ? String(own(json, '_id')) : id;
  if (typeId === undefined || typeId === '') return { ok: false, error: 'the node type has no _id' };
  if (id !== undefined && id !== typeId) return { ok: false, error: `the node type under ${id} has _id ${typeId}` };
  if (!typeId.startsWith(CUSTOM_NODE_TYPE_PREFIX)) return { ok: false, error: `the node type ${typeId} is not a Node Designer type (${CUSTOM_NODE_TYPE_PREFIX}…)` };
  const rawScript = own(json, 'script');
  const lines = typeof rawScript === 'string' ? [rawScript] : stringList(rawScript);
  if (lines === undefined || lines.length === 0) return { ok: false, error: `the node type ${typeId} has no script` };
  const outcomes = stringList(own(json, 'outcomes'));
  const inputs = stringList(own(json, 'inputs'));
  const outputs = stringList(own(json, 'outputs'));
  const tags = stringList(own(json, 'tags'));
  if (outcomes === undefined || inputs === undefined || outputs === undefined || tags === undefined) {
    return { ok: false, error: `the node type ${typeId}: outcomes, inputs, outputs and tags must be lists of strings` };
  }
  const rawProperties = own(json, 'properties') ?? {};
  if (!isRecord(rawProperties)) return { ok: false, error: `the node type ${typeId}: properties must be an object` };
  const properties: Record<string, CustomNodeProperty> = {};
  for (const [name, value] of Object.entries(rawProperties)) {
    const property = parseProperty(name, value);
    if (typeof property === 'string') return { ok: false, error: `the node type ${typeId}: ${property}` };
    properties[name] = property;
  }
  const displayName = own(json, 'displayName');
  const serviceName = own(json, 'serviceName');
  const description = own(json, 'description');
  return {
    ok: true,
    type: {
      _id: typeId,
      serviceName: typeof serviceName === 'string' && serviceName !== '' ? serviceName : typeId,
      displayName: typeof displayName === 'string' && displayName !== '' ? displayName : typeId,
      description: typeof description === 'string' ? description : '',
      script: lines.join('\n'),
      outcomes,
      errorOutcome: own(json, 'errorOutcome') === true,
      inputs,
      outputs,
      tags,
      properties,
    },
  };
}

/** The `properties` a node's script sees: each declared property from the node's config, else its default (else null). */
export function customNodeProperties(type: CustomNodeType, config: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(type.properties)) {
    const value = own(config, name);
    values[name] = value === undefined || value === null ? structuredClone(property.defaultValue ?? null) : structuredClone(value);
  }
  return values;
}

/** True when two definitions are the same type (for conflicts within an import). */
export function sameCustomNodeType(a: CustomNodeType, b: CustomNodeType): boolean {
  return isDeepStrictEqual(a, b);
}
