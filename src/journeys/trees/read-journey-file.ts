/**
 * Reads one journey export file: detects its wrapper (AM REST, Amster, Frodo, platform admin UI)
 * and returns its journeys and the pieces to join across a batch, or fails with a typed error
 * naming the file and what was expected.
 */
import { describeUnsafeKey, findUnsafeKey } from '../../json/unsafe-keys.ts';
import { journeyFileError } from './errors.ts';
import type { JourneyFileContent } from './journey-file-content.ts';
import { describeJson, isRecord } from './parse-journey-objects.ts';
import { readAmRestJourneys, readAmRestNode, readAmRestTree } from './read-am-rest-export.ts';
import { readAmsterEntity, readAmsterGrouped } from './read-amster-export.ts';
import { PLATFORM_ADMIN_EXPORT_TOOL, readFrodoMultiExport, readFrodoSingleExport } from './read-frodo-export.ts';

const EXPECTED =
  'expected an AM REST journey {tree, nodes} (or a list of them), an AM REST tree or node object, ' +
  'an Amster entity {metadata, data} or Amster tree group {tree:{metadata, data}, nodes}, ' +
  'a Frodo export {meta, trees} or {meta, tree, nodes, innerNodes} (amtree: innernodes), ' +
  `or a platform admin UI export {meta:{exportTool:"${PLATFORM_ADMIN_EXPORT_TOOL}"}, trees}`;

function unrecognised(file: string, json: unknown): Error {
  const found = isRecord(json) ? `an object with keys ${Object.keys(json).slice(0, 8).join(', ') || '(none)'}` : describeJson(json);
  return journeyFileError('JOURNEY_FILE_UNRECOGNISED', file, `not a journey export: ${EXPECTED}; found ${found}`);
}

/** Parses the text of a journey file; bad JSON is a JOURNEY_FILE_NOT_JSON error naming the file. */
export function parseJourneyJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw journeyFileError('JOURNEY_FILE_NOT_JSON', fileName, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads a parsed journey file, whatever its wrapper. A `__proto__`, `constructor` or `prototype`
 * key anywhere in it is a JOURNEY_FILE_INVALID error: no node id, outcome or config field is named so.
 */
export function readJourneyFile(json: unknown, fileName: string): JourneyFileContent {
  const unsafe = findUnsafeKey(json);
  if (unsafe !== undefined) throw journeyFileError('JOURNEY_FILE_INVALID', fileName, describeUnsafeKey(unsafe));
  if (Array.isArray(json)) {
    if (json.length > 0 && json.every((item) => isRecord(item) && isRecord(item.tree))) return readAmRestJourneys(json, fileName);
    throw unrecognised(fileName, json);
  }
  if (!isRecord(json)) throw unrecognised(fileName, json);
  if (isRecord(json.metadata) && 'data' in json) return readAmsterEntity(json, fileName);
  if ('trees' in json) {
    const tool = isRecord(json.meta) ? json.meta.exportTool : undefined;
    return readFrodoMultiExport(json, fileName, tool === PLATFORM_ADMIN_EXPORT_TOOL ? 'platform-admin' : 'frodo-multi');
  }
  if ('tree' in json) {
    if (isRecord(json.tree) && isRecord(json.tree.metadata)) return readAmsterGrouped(json, fileName);
    return 'innerNodes' in json || 'innernodes' in json || 'meta' in json ? readFrodoSingleExport(json, fileName) : readAmRestJourneys(json, fileName);
  }
  if (typeof json._id === 'string' && typeof json.entryNodeId === 'string' && isRecord(json.nodes)) return readAmRestTree(json, fileName);
  if (typeof json._id === 'string' && isRecord(json._type)) return readAmRestNode(json, fileName);
  throw unrecognised(fileName, json);
}
