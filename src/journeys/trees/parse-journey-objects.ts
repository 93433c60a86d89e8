/**
 * Edge parsers for AM REST tree and node objects, whatever wrapper they came in. They check the
 * fields Arbor relies on, drop `_rev` (AM GET output) and keep every other field as it is, so that
 * an export gives back what came in.
 */
import type { NodeTypeRef, TreeNodeEntry, TreeObject } from '../engine/tree-model.ts';
import { journeyFileError } from './errors.ts';
import type { JourneyFileError } from './errors.ts';
import type { LooseNodeObject } from './journey-file-content.ts';

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value for error messages. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function invalid(file: string, message: string): JourneyFileError {
  return journeyFileError('JOURNEY_FILE_INVALID', file, message);
}

function optional(file: string, where: string, object: Record<string, unknown>, field: string, type: 'string' | 'boolean' | 'number' | 'object'): void {
  const value = object[field];
  if (value === undefined) return;
  const ok = type === 'object' ? isRecord(value) : typeof value === type;
  if (!ok) throw invalid(file, `${where}: ${field} must be ${type === 'object' ? 'an object' : `a ${type}`}, found ${describeJson(value)}`);
}

function withoutRev(value: Record<string, unknown>): Record<string, unknown> {
  const { _rev: _ignored, ...rest } = structuredClone(value);
  return rest;
}

function parseEntry(file: string, where: string, value: unknown): TreeNodeEntry {
  if (!isRecord(value)) throw invalid(file, `${where} must be an object, found ${describeJson(value)}`);
  const { nodeType, displayName, connections } = value;
  if (typeof nodeType !== 'string' || nodeType === '') throw invalid(file, `${where}: nodeType must be a non-empty string, found ${describeJson(nodeType)}`);
  if (typeof displayName !== 'string') throw invalid(file, `${where}: displayName must be a string, found ${describeJson(displayName)}`);
  if (!isRecord(connections)) throw invalid(file, `${where}: connections must be an object of outcome → node id, found ${describeJson(connections)}`);
  const wired: Record<string, string> = {};
  for (const [outcome, target] of Object.entries(connections)) {
    if (typeof target !== 'string') throw invalid(file, `${where}: connection '${outcome}' must be a node id, found ${describeJson(target)}`);
    wired[outcome] = target;
  }
  optional(file, where, value, 'x', 'number');
  optional(file, where, value, 'y', 'number');
  optional(file, where, value, 'version', 'string');
  return { ...value, nodeType, displayName, connections: wired };
}

/** Parses a tree object (`where` says where it sat, for messages); drops `_rev`. */
export function parseTreeObject(value: unknown, file: string, where: string): TreeObject {
  if (!isRecord(value)) throw invalid(file, `${where} must be a tree object, found ${describeJson(value)}`);
  const tree = withoutRev(value);
  const { _id: name, entryNodeId, nodes } = tree;
  if (typeof name !== 'string' || name === '') throw invalid(file, `${where}: _id must be the tree name, found ${describeJson(name)}`);
  const label = `tree '${name}'`;
  if (typeof entryNodeId !== 'string') throw invalid(file, `${label}: entryNodeId must be a node id, found ${describeJson(entryNodeId)}`);
  if (!isRecord(nodes)) throw invalid(file, `${label}: nodes must be an object of node id → {nodeType, displayName, connections}, found ${describeJson(nodes)}`);
  const entries: Record<string, TreeNodeEntry> = {};
  for (const [id, entry] of Object.entries(nodes)) entries[id] = parseEntry(file, `${label}, node ${id}`, entry);
  for (const field of ['identityResource', 'description'] as const) optional(file, label, tree, field, 'string');
  for (const field of ['innerTreeOnly', 'noSession', 'enabled'] as const) optional(file, label, tree, field, 'boolean');
  for (const field of ['staticNodes', 'uiConfig'] as const) optional(file, label, tree, field, 'object');
  return { ...tree, _id: name, entryNodeId, nodes: entries };
}

function parseTypeRef(file: string, where: string, value: unknown): NodeTypeRef {
  if (!isRecord(value) || typeof value._id !== 'string' || value._id === '') {
    throw invalid(file, `${where}: _type must be {_id: <node type>, …}, found ${describeJson(value)}`);
  }
  optional(file, `${where}, _type`, value, 'name', 'string');
  optional(file, `${where}, _type`, value, 'collection', 'boolean');
  optional(file, `${where}, _type`, value, 'version', 'string');
  return { ...value, _id: value._id };
}

/** Parses a node object; `_type` may be missing (Amster). Drops `_rev`. */
export function parseNodeObject(value: unknown, file: string, where: string): LooseNodeObject {
  if (!isRecord(value)) throw invalid(file, `${where} must be a node object, found ${describeJson(value)}`);
  const node = withoutRev(value);
  const id = node._id;
  if (typeof id !== 'string' || id === '') throw invalid(file, `${where}: _id must be the node id, found ${describeJson(id)}`);
  if (node._type === undefined) return { ...node, _id: id };
  return { ...node, _id: id, _type: parseTypeRef(file, `${where} (${id})`, node._type) };
}

/** Parses a map of node id → node object; each `_id` must equal its key. */
export function parseNodeMap(value: unknown, file: string, where: string): LooseNodeObject[] {
  if (value === undefined) return [];
  if (!isRecord(value)) throw invalid(file, `${where} must be an object of node id → node object, found ${describeJson(value)}`);
  return Object.entries(value).map(([key, raw]) => {
    const node = parseNodeObject(raw, file, `${where}['${key}']`);
    if (node._id !== key) throw invalid(file, `${where}['${key}']: _id '${node._id}' does not match its key`);
    return node;
  });
}
