/**
 * AM's node type actions over Arbor's node definitions and a realm's Node Designer types:
 * - `types`: every node type in AM's `getAllTypes` shape (`{_id, name, collection, tags, metadata, help, version}`);
 * - `schema`: the node's config JSON schema as AM answers `?_action=schema` (`{type, properties, required}`,
 *   each property with `title`, `description` and `propertyOrder`), from its TypeBox config without
 *   the `_id`/`_type`/`_outcomes` bookkeeping;
 * - `template`: a config of default values (`?_action=template`);
 * - `outcomes`: the outcomes a given config has (`?_action=listOutcomes`), `[{id, displayName}]`.
 * Node Designer types (`designer-…`) are described from their `properties`; the `designer-*`
 * catch-all definition itself is not a type anyone can pick.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { AnyNodeDefinition } from '../engine/define-node.ts';
import { outcomesOf } from '../engine/define-node.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import type { CustomNodeProperty, CustomNodeType } from '../nodes/scripting/custom-script-node-definition.ts';
import { CUSTOM_NODE_ERROR_OUTCOME, CUSTOM_NODE_TYPE_PREFIX, customNodeProperties } from '../nodes/scripting/custom-script-node-definition.ts';
import { treeAdminError } from './tree-admin-errors.ts';

/** A node type in AM's `getAllTypes` answer. */
export interface AmNodeType {
  _id: string;
  name: string;
  collection: true;
  tags: string[];
  metadata: { tags: string[] };
  help: string;
  version: string;
}

/** A config schema in AM's shape. */
export interface AmNodeSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
}

/** An outcome as AM lists it. */
export interface AmOutcome {
  id: string;
  displayName: string;
}

/** What the node type actions read. */
export interface NodeTypesDeps {
  registry: { get(type: string): AnyNodeDefinition | undefined; list(): AnyNodeDefinition[] };
  /** The realm's Node Designer types. */
  customTypes(realm: string): Promise<CustomNodeType[]>;
}

/** The node type actions of a realm. */
export interface NodeTypes {
  types(realm: string): Promise<AmNodeType[]>;
  schema(realm: string, type: string): Promise<AmNodeSchema>;
  template(realm: string, type: string): Promise<Record<string, unknown>>;
  outcomes(realm: string, type: string, config: unknown): Promise<AmOutcome[]>;
}

/** Fields every node config carries that are not settings. */
const BOOKKEEPING = new Set(['_id', '_type', '_outcomes', '_rev']);

/** `retryLimit` → `Retry Limit`. */
function titleOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The TypeBox schema as plain JSON (its symbol keys dropped). */
function plain(schema: TSchema): Record<string, unknown> {
  const json: unknown = JSON.parse(JSON.stringify(schema));
  return isRecord(json) ? json : {};
}

function builtinSchema(definition: AnyNodeDefinition): AmNodeSchema {
  const json = plain(definition.config);
  const source = isRecord(json.properties) ? json.properties : {};
  const properties: Record<string, Record<string, unknown>> = {};
  let order = 100;
  for (const [key, value] of Object.entries(source)) {
    if (BOOKKEEPING.has(key) || !isRecord(value)) continue;
    properties[key] = { ...value, title: typeof value.title === 'string' ? value.title : titleOf(key), description: typeof value.description === 'string' ? value.description : '', propertyOrder: order };
    if ((definition.secretConfig ?? []).includes(key)) properties[key].format = 'password';
    order += 100;
  }
  const required = Array.isArray(json.required) ? json.required.filter((key): key is string => typeof key === 'string' && Object.hasOwn(properties, key)) : [];
  return { type: 'object', properties, required };
}

const CUSTOM_TYPES: Record<CustomNodeProperty['type'], string> = { NUMBER: 'number', STRING: 'string', OBJECT: 'object', BOOLEAN: 'boolean' };

function customSchema(type: CustomNodeType): AmNodeSchema {
  const properties: Record<string, Record<string, unknown>> = {};
  let order = 100;
  for (const [key, property] of Object.entries(type.properties)) {
    const item: Record<string, unknown> = { type: CUSTOM_TYPES[property.type] };
    if (property.options !== undefined) item.enum = Object.keys(property.options);
    properties[key] = {
      ...(property.multivalued ? { type: 'array', items: item } : item),
      title: property.title,
      description: property.description,
      propertyOrder: order,
      ...(property.defaultValue === undefined ? {} : { default: structuredClone(property.defaultValue) }),
    };
    order += 100;
  }
  return { type: 'object', properties, required: Object.entries(type.properties).filter(([, property]) => property.required).map(([key]) => key) };
}

function customOutcomes(type: CustomNodeType): AmOutcome[] {
  const ids = type.errorOutcome ? [...type.outcomes, CUSTOM_NODE_ERROR_OUTCOME] : type.outcomes;
  return ids.map((id) => ({ id, displayName: id }));
}

/** Makes the node type actions. */
export function createNodeTypes(deps: NodeTypesDeps): NodeTypes {
  const custom = async (realm: string, type: string): Promise<CustomNodeType | undefined> =>
    type.startsWith(CUSTOM_NODE_TYPE_PREFIX) ? (await deps.customTypes(realm)).find((candidate) => candidate._id === type) : undefined;

  /** The built-in definition or the custom type named `type`; NODE_TYPE_UNKNOWN otherwise. */
  const find = async (realm: string, type: string): Promise<{ definition: AnyNodeDefinition } | { custom: CustomNodeType }> => {
    const found = await custom(realm, type);
    if (found !== undefined) return { custom: found };
    const definition = type.startsWith(CUSTOM_NODE_TYPE_PREFIX) ? undefined : deps.registry.get(type);
    if (definition === undefined) throw treeAdminError('NODE_TYPE_UNKNOWN', `Node type ${type.slice(0, 64)} does not exist in this deployment`);
    return { definition };
  };

  return {
    async types(realm) {
      const builtins = deps.registry
        .list()
        .filter((definition) => !definition.type.endsWith('*'))
        .map((definition): AmNodeType => ({ _id: definition.type, name: definition.displayName, collection: true, tags: [definition.category], metadata: { tags: [definition.category] }, help: definition.description, version: '1.0' }));
      const customs = (await deps.customTypes(realm)).map((type): AmNodeType => ({ _id: type._id, name: type.displayName, collection: true, tags: [...type.tags], metadata: { tags: [...type.tags] }, help: type.description, version: '1.0' }));
      return [...builtins, ...customs].sort((a, b) => a.name.localeCompare(b.name));
    },

    async schema(realm, type) {
      const found = await find(realm, type);
      return 'custom' in found ? customSchema(found.custom) : builtinSchema(found.definition);
    },

    async template(realm, type) {
      const found = await find(realm, type);
      if ('custom' in found) return customNodeProperties(found.custom, {});
      const filled: unknown = Value.Default(found.definition.config, {});
      const template: Record<string, unknown> = {};
      if (isRecord(filled)) for (const [key, value] of Object.entries(filled)) if (!BOOKKEEPING.has(key) && !(found.definition.secretConfig ?? []).includes(key)) template[key] = value;
      return template;
    },

    async outcomes(realm, type, config) {
      const found = await find(realm, type);
      if ('custom' in found) return customOutcomes(found.custom);
      if (!isRecord(config)) throw treeAdminError('BAD_REQUEST', 'The body must be a node config object');
      const parsed = parseNodeConfig(found.definition, { ...config, _id: 'listOutcomes', _type: { _id: type } });
      if (!parsed.ok) throw treeAdminError('NODE_INVALID', `Invalid config for ${type}: ${parsed.errors.join('; ')}`, parsed.errors);
      return outcomesOf(found.definition, parsed.config).map((id) => ({ id, displayName: id }));
    },
  };
}
