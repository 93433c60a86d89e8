/**
 * Readers for the Frodo wrappers: the current multi-tree export (`{meta?, trees}`, also what the
 * platform admin UI writes) and the 0.x single-tree export (top-level `tree`, `nodes`, `innerNodes`).
 * Page children may also come as `innernodes` (amtree's spelling). Each tree's `scripts`
 * (`{<id>: {…AM script…}}`) are collected for the import to check and store.
 */
import { journeyFileError } from './errors.ts';
import { addCompleteJourney } from './assemble-journey.ts';
import { ignoredExtras } from './ignored-extras.ts';
import { emptyContent } from './journey-file-content.ts';
import type { JourneyFileContent } from './journey-file-content.ts';
import { describeJson, isRecord, parseNodeMap, parseTreeObject } from './parse-journey-objects.ts';

/** `meta.exportTool` of the platform admin UI's tree export. */
export const PLATFORM_ADMIN_EXPORT_TOOL = 'platform-admin ui tree export';

const TREE_PARTS: ReadonlySet<string> = new Set(['tree', 'nodes', 'innerNodes', 'innernodes', 'scripts', 'nodeTypes']);

/** The scripts (`{<id>: script}`) and custom node types (`nodeTypes`) of a tree entry, into `content`. */
function readScripts(entry: Record<string, unknown>, where: string, tree: string, content: JourneyFileContent): void {
  const scripts = entry.scripts ?? {};
  if (!isRecord(scripts)) throw journeyFileError('JOURNEY_FILE_INVALID', content.file, `tree '${tree}': ${where}scripts must be an object of script id → script, found ${describeJson(scripts)}`);
  for (const [id, json] of Object.entries(scripts)) content.scripts.push({ file: content.file, id, json, tree });
  // Node Designer node types the tree's nodes use (`{<type id>: custom node}`).
  const types = entry.nodeTypes;
  if (types === undefined || types === null) return;
  if (!isRecord(types)) throw journeyFileError('JOURNEY_FILE_INVALID', content.file, `tree '${tree}': ${where}nodeTypes must be an object of node type id → custom node, found ${describeJson(types)}`);
  for (const [id, json] of Object.entries(types)) content.customNodes.push({ file: content.file, id, json, tree });
}

/** Reads one per-tree object `{tree, nodes, innerNodes, scripts, …}` into `content`. */
function readTreeEntry(entry: Record<string, unknown>, where: string, skip: ReadonlySet<string>, content: JourneyFileContent): string {
  const tree = parseTreeObject(entry.tree, content.file, `${where}tree`);
  const nodes = [
    ...parseNodeMap(entry.nodes, content.file, `tree '${tree._id}': ${where}nodes`),
    ...parseNodeMap(entry.innerNodes, content.file, `tree '${tree._id}': ${where}innerNodes`),
    ...parseNodeMap(entry.innernodes, content.file, `tree '${tree._id}': ${where}innernodes`),
  ];
  addCompleteJourney(content, tree, nodes);
  readScripts(entry, where, tree._id, content);
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

/** Reads a Frodo 0.x single-tree export, or amtree's (`origin`, `innernodes`). */
export function readFrodoSingleExport(json: Record<string, unknown>, file: string): JourneyFileContent {
  const content = emptyContent(file, 'frodo-single');
  readTreeEntry(json, '', new Set([...TREE_PARTS, 'meta', 'origin']), content);
  return content;
}
