/**
 * Pulls the tree and node objects out of a sample file by hand, independently of the readers, so
 * that tests can compare what Arbor exports with what the file holds.
 */
import type { JourneyFileFormat } from '../journey-file-content.ts';

type JsonObject = Record<string, unknown>;

/** A tree and its node objects as the file holds them (`_rev` removed from the nodes). */
export interface SampleSource {
  tree: JsonObject;
  /** Every node object, page children included. */
  nodes: JsonObject;
  /** The wrapper's `nodes` (without `innerNodes`), when it splits them. */
  directNodes?: JsonObject;
}

const object = (value: unknown): JsonObject => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {});

/** A copy of `value` without its top-level `_rev`. */
export function withoutRev(value: unknown): JsonObject {
  const { _rev: _dropped, ...rest } = object(value);
  return rest;
}

function mapWithoutRev(value: unknown): JsonObject {
  return Object.fromEntries(Object.entries(object(value)).map(([id, node]) => [id, withoutRev(node)]));
}

function frodoEntry(entry: JsonObject): SampleSource {
  const directNodes = mapWithoutRev(entry.nodes);
  return { tree: object(entry.tree), nodes: { ...directNodes, ...mapWithoutRev(entry.innerNodes) }, directNodes };
}

/** The trees of a sample file by name. */
export function sourceObjects(json: unknown, format: JourneyFileFormat): Record<string, SampleSource> {
  const file = object(json);
  const sources: Record<string, SampleSource> = {};
  if (format === 'frodo-multi' || format === 'platform-admin') {
    for (const [name, entry] of Object.entries(object(file.trees))) sources[name] = frodoEntry(object(entry));
  } else if (format === 'frodo-single') {
    const source = frodoEntry(file);
    sources[String(source.tree._id)] = source;
  } else if (format === 'amster-grouped') {
    const tree = object(object(file.tree).data);
    const nodes = Object.fromEntries(Object.entries(object(file.nodes)).map(([id, entity]) => [id, withoutRev(object(entity).data)]));
    sources[String(tree._id)] = { tree, nodes };
  }
  return sources;
}
