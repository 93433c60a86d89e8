/**
 * What reading one journey export file yields: complete journeys, plus the pieces that come one
 * entity per file (Amster entities, bare AM REST objects) and are joined across a batch.
 */
import type { JourneyDefinition, NodeTypeRef, TreeObject } from '../engine/tree-model.ts';

/** The export wrappers Arbor reads. */
export type JourneyFileFormat =
  /** `{tree, nodes}` (Arbor's stored shape) or a list of them. */
  | 'am-rest'
  /** A bare AM REST tree object; its node objects come in other files. */
  | 'am-rest-tree'
  /** A bare AM REST node object (`{_id, _type, …config}`). */
  | 'am-rest-node'
  /** `{tree:{metadata,data}, nodes:{id:{metadata,data}}}`: Amster entities grouped per tree. */
  | 'amster-grouped'
  /** One Amster entity file `{metadata, data}` (a tree, a node or another entity). */
  | 'amster-entity'
  /** Frodo 0.x single-tree export: top-level `tree`, `nodes`, `innerNodes` (or amtree's `innernodes`). */
  | 'frodo-single'
  /** Current Frodo multi-tree export: `{meta?, trees:{name:{tree, nodes, innerNodes, …}}}`. */
  | 'frodo-multi'
  /** Platform admin UI export: `meta.exportTool` "platform-admin ui tree export", `trees`. */
  | 'platform-admin';

/** A node object read on its own; Amster node data may lack `_type` until a tree names it. */
export interface LooseNodeObject {
  _id: string;
  _type?: NodeTypeRef;
  [config: string]: unknown;
}

/** Something in a file that is not a tree or node and that Arbor did not import. */
export interface IgnoredItem {
  file: string;
  /** `script`, `emailTemplate`, `theme`, `socialIdentityProvider`, `unusedNode`, `amster:<entityType>`… */
  kind: string;
  name: string;
  /** The tree the item came with, when the wrapper says. */
  tree?: string;
}

/** A node whose `_type` was missing (Amster) and was rebuilt from the tree's or page's `nodeType`. */
export interface TypeReconstruction {
  file: string;
  tree: string;
  nodeId: string;
  nodeType: string;
}

/** A script an export carries (a Frodo tree's `scripts`, an Amster `Scripts` entity), read but not yet checked. */
export interface ScriptInFile {
  file: string;
  /** Its key in the export (Frodo) or its `_id` (Amster). */
  id: string;
  /** The script object as found. */
  json: unknown;
  /** The tree it came with, when the wrapper says. */
  tree?: string;
}

/** A journey and the file it came from. */
export interface JourneyFromFile {
  file: string;
  definition: JourneyDefinition;
}

/** The content of one file. */
export interface JourneyFileContent {
  file: string;
  format: JourneyFileFormat;
  /** Complete journeys (tree and node objects in this file). */
  journeys: JourneyDefinition[];
  /** Trees whose node objects come in other files of the batch. */
  looseTrees: TreeObject[];
  /** Node objects of their own, to be joined with a tree of the batch. */
  looseNodes: LooseNodeObject[];
  /** Scripts the file carries, to be stored with the trees that import. */
  scripts: ScriptInFile[];
  /** Node Designer node types the file carries (a Frodo tree's `nodeTypes`), in the same shape. */
  customNodes: ScriptInFile[];
  ignored: IgnoredItem[];
  reconstructedTypes: TypeReconstruction[];
}

/** An empty content of the given format, to fill in. */
export function emptyContent(file: string, format: JourneyFileFormat): JourneyFileContent {
  return { file, format, journeys: [], looseTrees: [], looseNodes: [], scripts: [], customNodes: [], ignored: [], reconstructedTypes: [] };
}
