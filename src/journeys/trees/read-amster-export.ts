/**
 * Readers for Amster files: one entity per file (`{metadata:{entityType, entityId}, data}`: a tree
 * `AuthTree`, a node, a script `Scripts`, or another entity that is ignored) and the per-tree grouping of the saved
 * am-external samples (`{_provenance, tree:{metadata, data}, nodes:{id:{metadata, data}}}`).
 */
import { journeyFileError } from './errors.ts';
import { addCompleteJourney } from './assemble-journey.ts';
import { ignoredExtras } from './ignored-extras.ts';
import { emptyContent } from './journey-file-content.ts';
import type { JourneyFileContent, LooseNodeObject } from './journey-file-content.ts';
import { describeJson, isRecord, parseNodeObject, parseTreeObject } from './parse-journey-objects.ts';

/** Amster's entity type of trees. */
export const AMSTER_TREE_ENTITY = 'AuthTree';
/** Amster's entity type of scripts (`data` is the script in AM's fields, its source in base64). */
export const AMSTER_SCRIPT_ENTITY = 'Scripts';

function entityTypeOf(entity: Record<string, unknown>, file: string, where: string): string {
  const metadata = entity.metadata;
  const type = isRecord(metadata) ? metadata.entityType : undefined;
  if (typeof type !== 'string' || type === '') {
    throw journeyFileError('JOURNEY_FILE_INVALID', file, `${where}metadata.entityType must be a string, found ${describeJson(type)}`);
  }
  return type;
}

/** Amster node data: `_type` with `collection: true`, or no `_type` at all (AM leaves it out). */
function isNodeData(data: unknown): boolean {
  if (!isRecord(data) || typeof data._id !== 'string') return false;
  return data._type === undefined || (isRecord(data._type) && data._type.collection === true);
}

/** Reads one Amster entity file. */
export function readAmsterEntity(json: Record<string, unknown>, file: string): JourneyFileContent {
  const content = emptyContent(file, 'amster-entity');
  const type = entityTypeOf(json, file, '');
  if (type === AMSTER_TREE_ENTITY) {
    content.looseTrees.push(parseTreeObject(json.data, file, 'data'));
  } else if (type === AMSTER_SCRIPT_ENTITY && isRecord(json.data) && typeof json.data._id === 'string') {
    content.scripts.push({ file, id: json.data._id, json: json.data });
  } else if (type === 'authenticationTreesService') {
    throw journeyFileError('JOURNEY_FORMAT_UNSUPPORTED', file, 'ForgeOps file-based config (entityType authenticationTreesService) is not read; export the journeys with Frodo or Amster');
  } else if (isNodeData(json.data)) {
    content.looseNodes.push(parseNodeObject(json.data, file, `data (entityType ${type})`));
  } else {
    const metadata = isRecord(json.metadata) ? json.metadata : {};
    const name = typeof metadata.entityId === 'string' ? metadata.entityId : '';
    content.ignored.push({ file, kind: `amster:${type}`, name });
  }
  return content;
}

/** Reads the grouped Amster form of the saved am-external sample trees. */
export function readAmsterGrouped(json: Record<string, unknown>, file: string): JourneyFileContent {
  const content = emptyContent(file, 'amster-grouped');
  const treeEntity = json.tree;
  if (!isRecord(treeEntity)) throw journeyFileError('JOURNEY_FILE_INVALID', file, `tree must be an Amster entity, found ${describeJson(treeEntity)}`);
  const type = entityTypeOf(treeEntity, file, 'tree.');
  if (type !== AMSTER_TREE_ENTITY) throw journeyFileError('JOURNEY_FILE_INVALID', file, `tree.metadata.entityType must be ${AMSTER_TREE_ENTITY}, found ${type}`);
  const tree = parseTreeObject(treeEntity.data, file, 'tree.data');
  const entities = json.nodes ?? {};
  if (!isRecord(entities)) throw journeyFileError('JOURNEY_FILE_INVALID', file, `nodes must be an object of node id → Amster entity, found ${describeJson(entities)}`);
  const nodes: LooseNodeObject[] = [];
  for (const [key, entity] of Object.entries(entities)) {
    const where = `tree '${tree._id}': nodes['${key}']`;
    if (!isRecord(entity)) throw journeyFileError('JOURNEY_FILE_INVALID', file, `${where} must be an Amster entity, found ${describeJson(entity)}`);
    const node = parseNodeObject(entity.data, file, `${where}.data`);
    if (node._id !== key) throw journeyFileError('JOURNEY_FILE_INVALID', file, `${where}: _id '${node._id}' does not match its key`);
    nodes.push(node);
  }
  addCompleteJourney(content, tree, nodes);
  content.ignored.push(...ignoredExtras(json, new Set(['_provenance', 'tree', 'nodes']), file, tree._id));
  return content;
}
