/**
 * Readers for AM REST objects: `{tree, nodes}` as Arbor stores and exports a journey (or a list
 * of them), a bare tree object (`GET trees/<name>`) and a bare node object (`GET nodes/<type>/<id>`).
 */
import { journeyFileError } from './errors.ts';
import { addCompleteJourney } from './assemble-journey.ts';
import { ignoredExtras } from './ignored-extras.ts';
import { emptyContent } from './journey-file-content.ts';
import type { JourneyFileContent } from './journey-file-content.ts';
import { describeJson, isRecord, parseNodeMap, parseNodeObject, parseTreeObject } from './parse-journey-objects.ts';

/** Reads `{tree, nodes}` or a list of them. */
export function readAmRestJourneys(json: Record<string, unknown> | unknown[], file: string): JourneyFileContent {
  const content = emptyContent(file, 'am-rest');
  const list = Array.isArray(json) ? json : [json];
  list.forEach((item, index) => {
    const where = Array.isArray(json) ? `[${index}].` : '';
    if (!isRecord(item)) throw journeyFileError('JOURNEY_FILE_INVALID', file, `${where || 'file'} must be {tree, nodes}, found ${describeJson(item)}`);
    const tree = parseTreeObject(item.tree, file, `${where}tree`);
    addCompleteJourney(content, tree, parseNodeMap(item.nodes, file, `tree '${tree._id}': ${where}nodes`));
    content.ignored.push(...ignoredExtras(item, new Set(['tree', 'nodes']), file, tree._id));
  });
  return content;
}

/** Reads a bare tree object; its node objects come in other files. */
export function readAmRestTree(json: Record<string, unknown>, file: string): JourneyFileContent {
  const content = emptyContent(file, 'am-rest-tree');
  content.looseTrees.push(parseTreeObject(json, file, 'tree'));
  return content;
}

/** Reads a bare node object. */
export function readAmRestNode(json: Record<string, unknown>, file: string): JourneyFileContent {
  const content = emptyContent(file, 'am-rest-node');
  content.looseNodes.push(parseNodeObject(json, file, 'node'));
  return content;
}
