/**
 * AM's tree and node administration over Arbor's journeys, with AM's semantics as Frodo relies on
 * them. A journey is stored whole (`{tree, nodes}`, one version per write); AM's nodes are entities
 * of their own, so:
 * - a node written before any tree references it is staged (`staged-nodes.ts`); a PUT tree takes
 *   its nodes from the staged ones, then from the journey of the same name, then from the realm's
 *   other journeys, validates the result as an import does (`importJourneys`: every problem
 *   listed, nothing written when refused) and stores it as a new version, the staged nodes it used
 *   removed in the same transaction;
 * - a node written while a journey holds it changes that journey (a new version) when the journey
 *   still validates with it, and is staged until the tree is written again otherwise;
 * - a deleted tree leaves its nodes staged, so they can be read and deleted afterwards.
 * Secret node config (`secretConfig` fields) is sealed before it is stored, staged or not, and never
 * returned. `managed/user` is mapped to the realm's own user type (`realm-identity-resource.ts`).
 */
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import { isSealedText } from '../../secrets/secret-sealer.ts';
import type { AnyNodeDefinition } from '../engine/define-node.ts';
import { outcomesOf } from '../engine/define-node.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import type { JourneyDefinition, NodeConfigObject, TreeObject } from '../engine/tree-model.ts';
import { isBlocking } from '../engine/validate-journey.ts';
import { importJourneys } from '../trees/import-journeys.ts';
import type { JourneyImportStore } from '../trees/journey-store.ts';
import { configCustomNodeStore } from '../nodes/scripting/custom-script-node-store.ts';
import { PAGE_NODE_TYPE, pageChildIds } from '../trees/page-children.ts';
import { secretConfigPurpose } from '../trees/secret-config.ts';
import { mapIdentityResource } from './realm-identity-resource.ts';
import { createNodeTypes, type NodeTypes } from './node-types.ts';
import { configStagedNodes } from './staged-nodes.ts';
import { treeAdminError } from './tree-admin-errors.ts';

/** The realm a call is about: its name (`alpha`) and its users' managed type (`alpha_user`). */
export interface AdminRealm {
  name: string;
  userType: string;
}

/** A tree as AM's REST answers it. */
export type AmTree = TreeObject & { _rev: string };

/** A node config as AM's REST answers it. */
export type AmNode = NodeConfigObject & { _rev: string };

/** What the administration uses. */
export interface TreeAdminDeps {
  store: JourneyImportStore;
  /** The platform's node types. */
  registry: { get(type: string): AnyNodeDefinition | undefined; list(): AnyNodeDefinition[] };
  sealer: SecretSealer;
  now?: () => number;
}

/** Trees and nodes of a realm, AM's way. */
export interface TreeAdmin {
  listTrees(realm: AdminRealm): Promise<AmTree[]>;
  getTree(realm: AdminRealm, name: string): Promise<AmTree>;
  putTree(realm: AdminRealm, name: string, body: unknown): Promise<{ tree: AmTree; created: boolean }>;
  deleteTree(realm: AdminRealm, name: string): Promise<AmTree>;
  getNode(realm: AdminRealm, type: string, id: string): Promise<AmNode>;
  putNode(realm: AdminRealm, type: string, id: string, body: unknown): Promise<{ node: AmNode; created: boolean }>;
  deleteNode(realm: AdminRealm, type: string, id: string): Promise<AmNode>;
  /** The node types, their schemas, templates and outcomes (`node-types.ts`). */
  nodeTypes: NodeTypes;
}

/** Node ids: AM's UUIDs, or any short id of safe characters. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
/** Tree names: printable, no slash, at most 256 characters. */
const TREE_NAME_PATTERN = /^[^/\u0000-\u001f\u007f]{1,256}$/u;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTreeName(name: string): void {
  if (!TREE_NAME_PATTERN.test(name)) throw treeAdminError('BAD_REQUEST', `'${name.slice(0, 64)}' is not a tree name: 1 to 256 printable characters, no '/'`);
}

function checkNodeId(id: string): void {
  if (!NODE_ID_PATTERN.test(id)) throw treeAdminError('BAD_REQUEST', `'${id.slice(0, 64)}' is not a node id: letters, digits, '.', '_' and '-', at most 128 characters`);
}

/** Own properties of `body` without `_rev` (never stored: Arbor's revision is the journey's). */
function withoutRev(body: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (key !== '_rev') copy[key] = structuredClone(value);
  return copy;
}

/** Makes the administration. */
export function createTreeAdmin(deps: TreeAdminDeps): TreeAdmin {
  const { store, registry, sealer } = deps;
  const staged = configStagedNodes(store.configs);
  const secretFields = (type: string): readonly string[] => registry.get(type)?.secretConfig ?? [];

  /** A copy of `node` without its secrets, with `_outcomes` computed when it has none. */
  const shown = (node: NodeConfigObject, rev: string): AmNode => {
    const copy: NodeConfigObject = structuredClone(node);
    for (const field of secretFields(node._type._id)) delete copy[field];
    if (copy._outcomes === undefined) {
      const definition = registry.get(node._type._id);
      const parsed = definition === undefined ? undefined : parseNodeConfig(definition, node);
      if (definition !== undefined && parsed?.ok === true) copy._outcomes = outcomesOf(definition, parsed.config).map((id) => ({ id, displayName: id }));
    }
    return { ...copy, _rev: rev };
  };

  /** `node` with its sealed secrets opened (what an import reads). */
  const opened = (realm: string, node: NodeConfigObject): NodeConfigObject => {
    const copy: NodeConfigObject = structuredClone(node);
    for (const field of secretFields(node._type._id)) {
      const value = copy[field];
      if (typeof value === 'string' && isSealedText(value)) copy[field] = sealer.open(value, secretConfigPurpose(realm, node._type._id, node._id, field));
    }
    return copy;
  };

  /** The current journeys of the realm, with their revisions. */
  const journeysOf = async (realm: string): Promise<{ revision: number; definition: JourneyDefinition }[]> => {
    const found: { revision: number; definition: JourneyDefinition }[] = [];
    for (const name of await store.journeys.list(realm)) {
      const version = await store.journeys.current(realm, name);
      if (version !== undefined) found.push(version);
    }
    return found;
  };

  /** Where node `id` lives: staged (first: the latest write), or in a journey. */
  const locate = async (realm: string, id: string): Promise<{ node: NodeConfigObject; rev: string; journey?: JourneyDefinition } | undefined> => {
    const stagedNode = await staged.get(realm, id);
    if (stagedNode !== undefined) return { node: stagedNode, rev: '0' };
    for (const { revision, definition } of await journeysOf(realm)) {
      const node = Object.hasOwn(definition.nodes, id) ? definition.nodes[id] : undefined;
      if (node !== undefined) return { node, rev: String(revision), journey: definition };
    }
    return undefined;
  };

  /**
   * Validates and stores `tree` as a new version, its nodes from `overrides`, the staged nodes,
   * the journey of the same name and the realm's other journeys (in that order). Resolves to
   * undefined when stored, or to the reasons it was refused (nothing written then).
   */
  const writeJourney = async (realm: AdminRealm, tree: TreeObject, overrides: ReadonlyMap<string, NodeConfigObject>): Promise<string[] | undefined> => {
    const same = await store.journeys.get(realm.name, tree._id);
    let others: JourneyDefinition[] | undefined;
    const pool = new Map<string, NodeConfigObject>();
    const consumed: string[] = [];
    const resolve = async (id: string): Promise<void> => {
      if (pool.has(id) || !NODE_ID_PATTERN.test(id)) return;
      let node = overrides.get(id);
      if (node === undefined) {
        node = await staged.get(realm.name, id);
        if (node !== undefined) consumed.push(id);
      }
      node ??= same !== undefined && Object.hasOwn(same.nodes, id) ? same.nodes[id] : undefined;
      if (node === undefined) {
        others ??= (await journeysOf(realm.name)).map((version) => version.definition);
        node = others.find((definition) => Object.hasOwn(definition.nodes, id))?.nodes[id];
      }
      if (node === undefined) return;
      pool.set(id, opened(realm.name, node));
      if (node._type._id === PAGE_NODE_TYPE) for (const child of pageChildIds(node)) await resolve(child);
    };
    for (const id of Object.keys(tree.nodes)) await resolve(id);
    const definition = mapIdentityResource({ tree, nodes: Object.fromEntries(pool) }, realm.userType);
    const consuming: JourneyImportStore = {
      journeys: store.journeys,
      configs: store.configs,
      transaction: (work) =>
        store.transaction(async (tx) => {
          const result = await work(tx);
          const txStaged = configStagedNodes(tx.configs);
          for (const id of consumed) await txStaged.delete(realm.name, id);
          return result;
        }),
    };
    const report = await importJourneys({ store: consuming, registry, realm: realm.name, files: [{ name: `tree '${tree._id}'`, json: definition }], sealer: async () => sealer, ...(deps.now === undefined ? {} : { now: deps.now }) });
    if (report.fileErrors.length > 0) return report.fileErrors.map((error) => error.message);
    const result = report.trees[0];
    if (result === undefined) return ['the tree could not be read'];
    if (result.status === 'refused') return result.problems.filter(isBlocking).map((problem) => problem.message);
    return undefined;
  };

  const getTree = async (realm: AdminRealm, name: string): Promise<AmTree> => {
    checkTreeName(name);
    const version = await store.journeys.current(realm.name, name);
    if (version === undefined) throw treeAdminError('TREE_NOT_FOUND', `No tree named '${name}' in this realm`);
    return { ...structuredClone(version.definition.tree), _rev: String(version.revision) };
  };

  const customNodes = configCustomNodeStore(store.configs);
  return {
    nodeTypes: createNodeTypes({ registry, customTypes: (realm) => customNodes.list(realm) }),

    async listTrees(realm) {
      return (await journeysOf(realm.name)).map(({ revision, definition }) => ({ ...structuredClone(definition.tree), _rev: String(revision) }));
    },

    getTree,

    async putTree(realm, name, body) {
      checkTreeName(name);
      if (!isRecord(body)) throw treeAdminError('BAD_REQUEST', 'The body must be a tree object');
      const fields = withoutRev(body);
      if (fields._id !== undefined && fields._id !== name) throw treeAdminError('BAD_REQUEST', `The body's _id '${String(fields._id).slice(0, 64)}' is not the tree's name '${name}'`);
      if (!isRecord(fields.nodes)) throw treeAdminError('TREE_INVALID', `Tree '${name}' is invalid`, ['nodes must be an object of {nodeType, displayName, connections}']);
      if (typeof fields.entryNodeId !== 'string') throw treeAdminError('TREE_INVALID', `Tree '${name}' is invalid`, ['entryNodeId must be a node id']);
      const created = (await store.journeys.current(realm.name, name)) === undefined;
      const tree = { ...fields, _id: name } as TreeObject;
      const refused = await writeJourney(realm, tree, new Map());
      if (refused !== undefined) throw treeAdminError('TREE_INVALID', `Tree '${name}' is invalid: ${refused.join('; ')}`, refused);
      return { tree: await getTree(realm, name), created };
    },

    async deleteTree(realm, name) {
      checkTreeName(name);
      const version = await store.journeys.current(realm.name, name);
      if (version === undefined) throw treeAdminError('TREE_NOT_FOUND', `No tree named '${name}' in this realm`);
      await store.transaction(async (tx) => {
        await tx.journeys.delete(realm.name, name);
        const txStaged = configStagedNodes(tx.configs);
        for (const node of Object.values(version.definition.nodes)) await txStaged.put(realm.name, node);
      });
      return { ...structuredClone(version.definition.tree), _rev: String(version.revision) };
    },

    async getNode(realm, type, id) {
      checkNodeId(id);
      const found = await locate(realm.name, id);
      if (found === undefined || found.node._type._id !== type) throw treeAdminError('NODE_NOT_FOUND', `No ${type} node with id ${id} in this realm`);
      return shown(found.node, found.rev);
    },

    async putNode(realm, type, id, body) {
      checkNodeId(id);
      const definition = registry.get(type);
      if (definition === undefined) throw treeAdminError('NODE_TYPE_UNKNOWN', `Node type ${type.slice(0, 64)} does not exist in this deployment`);
      if (!isRecord(body)) throw treeAdminError('BAD_REQUEST', 'The body must be a node config object');
      const fields = withoutRev(body);
      if (fields._id !== undefined && fields._id !== id) throw treeAdminError('BAD_REQUEST', `The body's _id is not the node's id ${id}`);
      const typeRef = isRecord(fields._type) ? fields._type : { _id: type, collection: true };
      if (typeRef._id !== type) throw treeAdminError('BAD_REQUEST', `The body's _type._id is not the node type ${type}`);
      const node = { ...fields, _id: id, _type: { ...typeRef, _id: type } } as NodeConfigObject;
      const parsed = parseNodeConfig(definition, node);
      if (!parsed.ok) throw treeAdminError('NODE_INVALID', `Invalid config for ${type} node ${id}: ${parsed.errors.join('; ')}`, parsed.errors);
      const before = await locate(realm.name, id);
      if (before !== undefined && before.node._type._id !== type) throw treeAdminError('BAD_REQUEST', `Node ${id} is a ${before.node._type._id}, not a ${type}`);
      for (const field of secretFields(type)) {
        const value = Object.hasOwn(node, field) ? node[field] : undefined;
        if (typeof value === 'string' && value !== '') node[field] = sealer.seal(value, secretConfigPurpose(realm.name, type, id, field));
        else if (value === undefined && before !== undefined && typeof before.node[field] === 'string') node[field] = before.node[field];
      }
      if (before?.journey !== undefined) {
        // A node of a stored journey: the journey changes with it, when it still validates.
        const refused = await writeJourney(realm, before.journey.tree, new Map([[id, node]]));
        if (refused === undefined) {
          const written = await locate(realm.name, id);
          return { node: shown(written?.node ?? node, written?.rev ?? '0'), created: false };
        }
      }
      await staged.put(realm.name, node);
      return { node: shown(node, '0'), created: before === undefined };
    },

    async deleteNode(realm, type, id) {
      checkNodeId(id);
      const found = await locate(realm.name, id);
      if (found === undefined || found.node._type._id !== type) throw treeAdminError('NODE_NOT_FOUND', `No ${type} node with id ${id} in this realm`);
      if (found.journey !== undefined) throw treeAdminError('NODE_IN_USE', `Node ${id} is used by tree '${found.journey.tree._id}'; change or delete the tree first`);
      await staged.delete(realm.name, id);
      return shown(found.node, found.rev);
    },
  };
}
