/**
 * The journey tree model in AM's REST export format. Trees and node configs are kept exactly as
 * imported (unknown fields included) so that an export gives back what was imported.
 */

/** Fixed id of the static success node in every AM tree. */
export const SUCCESS_NODE_ID = '70e691a5-1e33-4ac3-a356-e7b6d60d92e0';
/** Fixed id of the static failure node in every AM tree. */
export const FAILURE_NODE_ID = 'e301438c-0bd0-429c-ab0c-66126501069a';

/** One entry of a tree's `nodes` map: where a node sits and where its outcomes lead. */
export interface TreeNodeEntry {
  displayName: string;
  nodeType: string;
  connections: Record<string, string>;
  x?: number;
  y?: number;
  version?: string;
  [extra: string]: unknown;
}

/** A tree object as AM's `realm-config/authentication/authenticationtrees/trees/<name>` returns it. */
export interface TreeObject {
  _id: string;
  entryNodeId: string;
  nodes: Record<string, TreeNodeEntry>;
  staticNodes?: Record<string, unknown>;
  identityResource?: string;
  innerTreeOnly?: boolean;
  noSession?: boolean;
  enabled?: boolean;
  description?: string;
  uiConfig?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** The `_type` of a node config object. */
export interface NodeTypeRef {
  _id: string;
  name?: string;
  collection?: boolean;
  version?: string;
  [extra: string]: unknown;
}

/** A node config object (`nodes/<NodeType>/<uuid>`): flat config next to `_id` and `_type`. */
export interface NodeConfigObject {
  _id: string;
  _type: NodeTypeRef;
  _outcomes?: unknown;
  [config: string]: unknown;
}

/** A child reference inside a PageNode config. */
export interface PageChildRef {
  _id: string;
  nodeType: string;
  displayName: string;
  nodeVersion?: string;
  [extra: string]: unknown;
}

/**
 * A journey as Arbor stores it: the tree plus the config object of every node it uses,
 * PageNode children included, keyed by node id.
 */
export interface JourneyDefinition {
  tree: TreeObject;
  nodes: Record<string, NodeConfigObject>;
}
