/**
 * The journey editor's calls to AM's admin REST (as Frodo makes them): the node types
 * (`getAllTypes`), a type's schema, template and outcomes, reading an existing journey with every
 * node's config, writing and deleting a node, and writing the tree.
 * Answers are hostile input, read through guards; failures throw `AmRequestError` (a refused tree
 * carries the server's `detail.problems`).
 */
import { AmRequestError, call, isRecord, own, readJourney, readNode, treesBase } from './am-client.ts';
import type { EditorJourney } from './editor-journey-model.ts';
import { childRefs, editorJourney, treeNodeRefs } from './editor-journey-model.ts';

/** How many node configs are read at once when a journey opens. */
const PARALLEL_READS = 6;

/** A node type the palette offers. */
export interface NodeType {
  id: string;
  name: string;
  category: string;
  help: string;
}

function text(record: Record<string, unknown>, key: string): string {
  const value = own(record, key);
  return typeof value === 'string' ? value : '';
}

function typePath(realm: string, nodeType: string, action: string): string {
  return `${treesBase(realm)}/nodes/${encodeURIComponent(nodeType)}?_action=${action}`;
}

/** Every node type of `realm` (`POST …/nodes?_action=getAllTypes`). */
export async function listNodeTypes(realm: string): Promise<NodeType[]> {
  const answer = await call('POST', `${treesBase(realm)}/nodes?_action=getAllTypes`, {});
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result.filter(isRecord).map((type) => {
    const tags = own(type, 'tags');
    const category = Array.isArray(tags) && typeof tags[0] === 'string' ? tags[0] : 'other';
    return { id: text(type, '_id'), name: text(type, 'name') || text(type, '_id'), category, help: text(type, 'help') };
  });
}

/** The settings schema of `nodeType` (`{properties, required}`). */
export async function nodeSchema(realm: string, nodeType: string): Promise<Record<string, unknown>> {
  const answer = await call('POST', typePath(realm, nodeType, 'schema'), {});
  if (!isRecord(answer)) throw new AmRequestError(502, 'Arbor answered something that is not a schema');
  return answer;
}

/** A config of `nodeType`'s defaults. */
export async function nodeTemplate(realm: string, nodeType: string): Promise<Record<string, unknown>> {
  const answer = await call('POST', typePath(realm, nodeType, 'template'), {});
  if (!isRecord(answer)) throw new AmRequestError(502, 'Arbor answered something that is not a node config');
  return answer;
}

/** The outcome ids `config` gives a node of `nodeType`; a config that does not fit throws (400). */
export async function nodeOutcomes(realm: string, nodeType: string, config: Record<string, unknown>): Promise<string[]> {
  const answer = await call('POST', typePath(realm, nodeType, 'listOutcomes'), config);
  if (!Array.isArray(answer)) return [];
  return answer.filter(isRecord).map((outcome) => text(outcome, 'id')).filter((id) => id !== '');
}

/** Writes a node (`PUT …/nodes/<type>/<id>`). */
export async function putNode(realm: string, nodeType: string, id: string, body: Record<string, unknown>): Promise<void> {
  await call('PUT', `${treesBase(realm)}/nodes/${encodeURIComponent(nodeType)}/${encodeURIComponent(id)}`, body);
}

/** Writes the journey (`PUT …/trees/<name>`), after its nodes. */
export async function putTree(realm: string, name: string, body: Record<string, unknown>): Promise<void> {
  await call('PUT', `${treesBase(realm)}/trees/${encodeURIComponent(name)}`, body);
}

/**
 * Deletes a node no journey holds any more (`DELETE …/nodes/<type>/<id>`). Arbor drops the nodes
 * a saved tree no longer holds, so a 404 (already gone) is taken as done.
 */
export async function deleteNode(realm: string, nodeType: string, id: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${treesBase(realm)}/nodes/${encodeURIComponent(nodeType)}/${encodeURIComponent(id)}`, { method: 'DELETE', credentials: 'same-origin', headers: { accept: 'application/json', 'accept-api-version': 'resource=1.0' } });
  } catch {
    throw new AmRequestError(0, 'Arbor cannot be reached');
  }
  if (response.ok || response.status === 404) return;
  let message = '';
  try {
    const answer: unknown = JSON.parse(await response.text());
    const found = isRecord(answer) ? own(answer, 'message') : undefined;
    message = typeof found === 'string' ? found : '';
  } catch {
    message = '';
  }
  throw new AmRequestError(response.status, message || `${response.status} ${response.statusText}`);
}

/** Reads `refs`' configs, a few at a time, into `configs`. */
async function readConfigs(realm: string, refs: { id: string; nodeType: string }[], configs: Map<string, Record<string, unknown>>): Promise<void> {
  const queue = refs.filter((ref) => !configs.has(ref.id));
  const worker = async (): Promise<void> => {
    for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) configs.set(ref.id, await readNode(realm, ref.nodeType, ref.id));
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, queue.length) }, worker));
}

/** Journey `name` of `realm` for the editor: the tree and every node's config, a page's children included. */
export async function readEditorJourney(realm: string, name: string): Promise<EditorJourney> {
  const tree = await readJourney(realm, name);
  const refs = treeNodeRefs(tree);
  const configs = new Map<string, Record<string, unknown>>();
  await readConfigs(realm, refs, configs);
  const children = refs.flatMap((ref) => childRefs(configs.get(ref.id) ?? {}));
  await readConfigs(realm, children, configs);
  return editorJourney(tree, configs);
}
