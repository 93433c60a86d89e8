/**
 * Reads a batch of journey files and joins the one-entity-per-file pieces (Amster entities, bare
 * AM REST trees and nodes) across it. Files that cannot be read are reported, never thrown.
 */
import { isDeepStrictEqual } from 'node:util';
import { assembleJourney } from './assemble-journey.ts';
import { isJourneyFileError, journeyFileError } from './errors.ts';
import type { JourneyFileError } from './errors.ts';
import type { IgnoredItem, JourneyFromFile, LooseNodeObject, ScriptInFile, TypeReconstruction } from './journey-file-content.ts';
import { readJourneyFile } from './read-journey-file.ts';

/** One file of a batch: its name (for messages) and parsed JSON. */
export interface JourneyFile {
  name: string;
  json: unknown;
}

/** Everything a batch holds. */
export interface JourneyBatch {
  journeys: JourneyFromFile[];
  /** The scripts of every file (of a tree, or on their own). */
  scripts: ScriptInFile[];
  /** The Node Designer node types of every file. */
  customNodes: ScriptInFile[];
  ignored: IgnoredItem[];
  reconstructedTypes: TypeReconstruction[];
  /** Files that could not be read. */
  errors: JourneyFileError[];
}

/** Reads every file and joins loose trees with the loose node objects of the whole batch. */
export function readJourneyBatch(files: readonly JourneyFile[]): JourneyBatch {
  const batch: JourneyBatch = { journeys: [], scripts: [], customNodes: [], ignored: [], reconstructedTypes: [], errors: [] };
  const looseTrees: JourneyFromFile['definition']['tree'][] = [];
  const treeFiles: string[] = [];
  const pool = new Map<string, LooseNodeObject>();
  const poolFiles = new Map<string, string>();
  for (const file of files) {
    try {
      const content = readJourneyFile(file.json, file.name);
      for (const node of content.looseNodes) {
        const known = pool.get(node._id);
        if (known !== undefined && !isDeepStrictEqual(known, node)) {
          throw journeyFileError('JOURNEY_FILE_INVALID', file.name, `node ${node._id} is also in ${poolFiles.get(node._id) ?? '?'} with different content`);
        }
      }
      for (const node of content.looseNodes) {
        pool.set(node._id, node);
        poolFiles.set(node._id, file.name);
      }
      batch.journeys.push(...content.journeys.map((definition) => ({ file: file.name, definition })));
      for (const tree of content.looseTrees) {
        looseTrees.push(tree);
        treeFiles.push(file.name);
      }
      batch.scripts.push(...content.scripts);
      batch.customNodes.push(...content.customNodes);
      batch.ignored.push(...content.ignored);
      batch.reconstructedTypes.push(...content.reconstructedTypes);
    } catch (error) {
      if (!isJourneyFileError(error)) throw error;
      batch.errors.push(error);
    }
  }
  const used = new Set<string>();
  looseTrees.forEach((tree, index) => {
    const file = treeFiles[index] ?? '';
    const assembled = assembleJourney(tree, pool, file);
    batch.journeys.push({ file, definition: assembled.definition });
    batch.reconstructedTypes.push(...assembled.reconstructedTypes);
    for (const id of assembled.usedIds) used.add(id);
  });
  for (const [id, file] of poolFiles) if (!used.has(id)) batch.ignored.push({ file, kind: 'unusedNode', name: id });
  return batch;
}
