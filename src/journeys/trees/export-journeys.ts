/**
 * Journey writers: the Frodo multi-tree export (what ForgeRock admins move journeys with, each
 * tree with the scripts its nodes use) and the AM REST `{tree, nodes}` shape Arbor stores.
 * Objects go out exactly as stored; a script's base64 `script` is the stored text, unchanged.
 */
import packageJson from '../../../package.json' with { type: 'json' };
import type { AmScript } from '../../scripting/am-script.ts';
import type { JourneyDefinition, NodeConfigObject, TreeObject } from '../engine/tree-model.ts';
import type { CustomNodeType } from '../nodes/scripting/custom-script-node-definition.ts';
import { customNodeTypesOf } from './import-custom-nodes.ts';
import { scriptIdsOf } from './script-references.ts';

/** The formats `exportJourneys` writes. */
export type JourneyExportFormat = 'frodo' | 'am';

/** Export options; `exportDate`, `origin` and `exportedBy` fill the Frodo `meta`. */
export interface ExportJourneysOptions {
  format: JourneyExportFormat;
  exportDate?: Date;
  /** Where the journeys come from (Frodo writes the AM URL). */
  origin?: string;
  exportedBy?: string;
  /** The realm's scripts the trees may use, by id: each tree of a Frodo export carries those its nodes name. */
  scripts?: ReadonlyMap<string, AmScript>;
  /** The realm's Node Designer node types, by id: each tree carries those its nodes are (`nodeTypes`). */
  customNodes?: ReadonlyMap<string, CustomNodeType>;
}

/** A journey in the AM REST shape: the tree and every node object (page children included). */
export interface AmRestJourney {
  tree: TreeObject;
  nodes: Record<string, NodeConfigObject>;
}

/** One tree of a Frodo multi-tree export. */
export interface FrodoTreeExport {
  tree: TreeObject;
  /** The tree's own nodes. */
  nodes: Record<string, NodeConfigObject>;
  /** PageNode children. */
  innerNodes: Record<string, NodeConfigObject>;
  /** The scripts the tree's nodes use, by id, in AM's fields. */
  scripts: Record<string, AmScript>;
  emailTemplates: Record<string, unknown>;
  socialIdentityProviders: Record<string, unknown>;
  themes: unknown[];
  saml2Entities: Record<string, unknown>;
  circlesOfTrust: Record<string, unknown>;
  /** The Node Designer node types the tree's nodes are, by id; absent when none. */
  nodeTypes?: Record<string, CustomNodeType>;
}

/** A Frodo multi-tree export as `frodo journey import` reads it. */
export interface FrodoMultiTreeExport {
  meta: { origin: string; exportedBy: string; exportDate: string; exportTool: 'arbor'; exportToolVersion: string };
  trees: Record<string, FrodoTreeExport>;
}

/** What `exportJourneys` returns: Frodo's file, or one AM REST journey (a list for several). */
export type JourneyExport = FrodoMultiTreeExport | AmRestJourney | AmRestJourney[];

function frodoTree(definition: JourneyDefinition, known: ReadonlyMap<string, AmScript>, types: ReadonlyMap<string, CustomNodeType>): FrodoTreeExport {
  const { tree, nodes } = structuredClone(definition);
  const scripts: Record<string, AmScript> = {};
  for (const id of scriptIdsOf(definition)) {
    const script = known.get(id);
    if (script !== undefined) scripts[id] = structuredClone(script);
  }
  const direct: Record<string, NodeConfigObject> = {};
  const inner: Record<string, NodeConfigObject> = {};
  for (const [id, node] of Object.entries(nodes)) (Object.hasOwn(tree.nodes, id) ? direct : inner)[id] = node;
  const nodeTypes: Record<string, CustomNodeType> = {};
  for (const { typeId } of customNodeTypesOf(definition)) {
    const type = types.get(typeId);
    if (type !== undefined) nodeTypes[typeId] = structuredClone(type);
  }
  return {
    ...(Object.keys(nodeTypes).length > 0 ? { nodeTypes } : {}),
    tree,
    nodes: direct,
    innerNodes: inner,
    scripts,
    emailTemplates: {},
    socialIdentityProviders: {},
    themes: [],
    saml2Entities: {},
    circlesOfTrust: {},
  };
}

/** Writes journeys in the Frodo multi-tree format. */
export function exportFrodo(definitions: readonly JourneyDefinition[], options: Omit<ExportJourneysOptions, 'format'> = {}): FrodoMultiTreeExport {
  const trees: Record<string, FrodoTreeExport> = {};
  for (const definition of definitions) trees[definition.tree._id] = frodoTree(definition, options.scripts ?? new Map(), options.customNodes ?? new Map());
  return {
    meta: {
      origin: options.origin ?? 'arbor',
      exportedBy: options.exportedBy ?? 'arbor',
      exportDate: (options.exportDate ?? new Date()).toISOString(),
      exportTool: 'arbor',
      exportToolVersion: packageJson.version,
    },
    trees,
  };
}

/** Writes one journey in the AM REST `{tree, nodes}` shape. */
export function exportAmRest(definition: JourneyDefinition): AmRestJourney {
  const { tree, nodes } = structuredClone(definition);
  return { tree, nodes };
}

/** Writes journeys as a Frodo multi-tree export or as AM REST `{tree, nodes}` (a list for several). */
export function exportJourneys(definitions: readonly JourneyDefinition[], options: ExportJourneysOptions & { format: 'frodo' }): FrodoMultiTreeExport;
export function exportJourneys(definitions: readonly JourneyDefinition[], options: ExportJourneysOptions & { format: 'am' }): AmRestJourney | AmRestJourney[];
export function exportJourneys(definitions: readonly JourneyDefinition[], options: ExportJourneysOptions): JourneyExport;
export function exportJourneys(definitions: readonly JourneyDefinition[], options: ExportJourneysOptions): JourneyExport {
  if (options.format === 'frodo') return exportFrodo(definitions, options);
  const journeys = definitions.map(exportAmRest);
  return journeys.length === 1 && journeys[0] !== undefined ? journeys[0] : journeys;
}
