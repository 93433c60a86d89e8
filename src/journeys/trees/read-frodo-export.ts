/**
 * Readers for the Frodo wrappers: the current multi-tree export (`{meta?, trees}`, also what the
 * platform admin UI writes) and the 0.x single-tree export (top-level `tree`, `nodes`, `innerNodes`).
 */
import { journeyFileError } from './errors.ts';
import { addCompleteJourney } from './assemble-journey.ts';
import { ignoredExtras } from './ignored-extras.ts';
import { emptyContent } from './journey-file-content.ts';
import type { JourneyFileContent } from './journey-file-content.ts';
import { describeJson, isRecord, parseNodeMap, parseTreeObject } from './parse-journey-objects.ts';

/** `meta.exportTool` of the platform admin UI's tree export. */
export const PLATFORM_ADMIN_EXPORT_TOOL = 'platform-admin ui tree export';

const TREE_PARTS: ReadonlySet<string> = new Set(['tree', 'nodes', 'innerNodes']);

/** Reads one per-tree object `{tree, nodes, innerNodes, scripts, …}` into `content`. */
function readTreeEntry(entry: Record<string, unknown>, where: string, skip: ReadonlySet<string>, content: JourneyFileContent): string {
  const tree = parseTreeObject(entry.tree, content.file, `${where}tree`);
  const nodes = [
    ...parseNodeMap(entry.nodes, content.file, `tree '${tree._id}': ${where}nodes`),
    ...parseNodeMap(entry.innerNodes, content.file, `tree '${tree._id}': ${where}innerNodes`),
  ];
  addCompleteJourney(content, tree, nodes);
  content.ignored.push(...ignoredExtras(entry, skip, content.file, tree._id));
  return tree._id;
}

/** Reads a Frodo multi-tree or platform admin UI export. */
export function readFrodoMultiExport(json: Record<string, unknown>, file: string, format: 'frodo-multi' | 'platform-admin'): JourneyFileContent {
  const content = emptyContent(file, format);
  const trees = json.trees;
  if (!isRecord(trees)) throw journeyFileError('JOURNEY_FILE_INVALID', file, `trees must be an object of tree name → export, found ${describeJson(trees)}`);
  for (const [key, entry] of Object.entries(trees)) {
    if (!isRecord(entry)) throw journeyFileError('JOURNEY_FILE_INVALID', file, `trees['${key}'] must be an object {tree, nodes, innerNodes, …}, found ${describeJson(entry)}`);
    const name = readTreeEntry(entry, `trees['${key}'].`, TREE_PARTS, content);
    if (name !== key) throw journeyFileError('JOURNEY_FILE_INVALID', file, `trees['${key}'] holds tree '${name}'; the key must be the tree's _id`);
  }
  content.ignored.push(...ignoredExtras(json, new Set(['meta', 'trees']), file));
  return content;
}

/** Reads a Frodo 0.x single-tree export. */
export function readFrodoSingleExport(json: Record<string, unknown>, file: string): JourneyFileContent {
  const content = emptyContent(file, 'frodo-single');
  readTreeEntry(json, '', new Set([...TREE_PARTS, 'meta']), content);
  return content;
}
