/**
 * The journeys list's calls to Arbor's AM admin REST: export with dependencies and import
 * (`POST …/authenticationtrees/trees?_action=export|import`, see docs/admin/journeys.md), a
 * journey's copy (its export, renamed by `duplicateJourney`, imported), and deletion (the tree,
 * then its nodes, as Frodo deletes a journey) after checking that no other journey runs it as an
 * inner tree. Failures throw `AmRequestError`.
 */
import { AmRequestError, call, isRecord, own, treesBase } from './am-client.ts';
import type { ImportFile, ImportSummary } from './journey-actions-model.ts';
import { duplicateJourney, importSummary } from './journey-actions-model.ts';

const INNER_TREE_NODE = 'InnerTreeEvaluatorNode';
/** Frodo's version of the trees and nodes REST. */
const TREES_API = 'protocol=2.1,resource=1.0';

/** The Frodo export of `names` (and, with `innerTrees`, the trees they run), with their scripts and providers. */
export function exportJourneys(realm: string, names: readonly string[], innerTrees: boolean): Promise<unknown> {
  return call('POST', `${treesBase(realm)}/trees?_action=export`, { names, innerTrees }, TREES_API);
}

/** Imports every journey of `files` or none; a refusal is a 400 `AmRequestError` whose `problems` say why. */
export async function importJourneys(realm: string, files: readonly ImportFile[]): Promise<ImportSummary> {
  return importSummary(await call('POST', `${treesBase(realm)}/trees?_action=import`, { files }, TREES_API));
}

/** Copies journey `source` as `name` (new node ids; scripts and inner trees shared). */
export async function copyJourney(realm: string, source: string, name: string): Promise<void> {
  const file = await exportJourneys(realm, [source], false);
  const copy = duplicateJourney(file, source, name, () => crypto.randomUUID());
  if (copy === undefined) throw new AmRequestError(502, `Arbor's export of ${source} does not hold it`);
  await importJourneys(realm, [{ name: `${name} (copy of ${source})`, content: copy }]);
}

/** The journeys of `realm` other than `name` with an Inner Tree Evaluator node that runs `name`. */
export async function runnersOf(realm: string, name: string): Promise<string[]> {
  const answer = await call('GET', `${treesBase(realm)}/trees?_queryFilter=true`, undefined, TREES_API);
  const trees = isRecord(answer) ? own(answer, 'result') : undefined;
  const runners: string[] = [];
  for (const tree of Array.isArray(trees) ? trees.filter(isRecord) : []) {
    const treeName = own(tree, '_id');
    const nodes = own(tree, 'nodes');
    if (typeof treeName !== 'string' || treeName === name || !isRecord(nodes)) continue;
    for (const [id, node] of Object.entries(nodes)) {
      if (!isRecord(node) || own(node, 'nodeType') !== INNER_TREE_NODE) continue;
      const config = await call('GET', `${treesBase(realm)}/nodes/${INNER_TREE_NODE}/${encodeURIComponent(id)}`, undefined, TREES_API);
      if (isRecord(config) && own(config, 'tree') === name) {
        runners.push(treeName);
        break;
      }
    }
  }
  return runners.sort((a, b) => a.localeCompare(b));
}

/** `DELETE path`; throws an `AmRequestError` when it fails. */
async function remove(path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'DELETE', credentials: 'same-origin', headers: { accept: 'application/json', 'accept-api-version': TREES_API } });
  } catch {
    throw new AmRequestError(0, 'Arbor cannot be reached');
  }
  const raw = await response.text();
  if (response.ok) return;
  let message = '';
  try {
    const json: unknown = JSON.parse(raw);
    const said = isRecord(json) ? own(json, 'message') : undefined;
    if (typeof said === 'string') message = said.slice(0, 500);
  } catch {
    message = '';
  }
  throw new AmRequestError(response.status, message || `${response.status} ${response.statusText}`);
}

/** The node ids and types of journey `name` (Page children included), read from its export. */
async function nodesOf(realm: string, name: string): Promise<{ id: string; type: string }[]> {
  const file = await exportJourneys(realm, [name], false);
  const trees = isRecord(file) ? own(file, 'trees') : undefined;
  const entry = isRecord(trees) ? own(trees, name) : undefined;
  if (!isRecord(entry)) return [];
  const found: { id: string; type: string }[] = [];
  for (const part of ['innerNodes', 'nodes']) {
    const nodes = own(entry, part);
    for (const [id, node] of Object.entries(isRecord(nodes) ? nodes : {})) {
      const type = isRecord(node) ? own(node, '_type') : undefined;
      const typeId = isRecord(type) ? own(type, '_id') : undefined;
      if (typeof typeId === 'string') found.push({ id, type: typeId });
    }
  }
  return found;
}

/**
 * Deletes journey `name` and its nodes. Refused (409, naming them) while other journeys run it as
 * an inner tree: they would fail at that node. A node that cannot be deleted afterwards stays,
 * unused (the journey is gone either way).
 */
export async function deleteJourney(realm: string, name: string): Promise<void> {
  const runners = await runnersOf(realm, name);
  if (runners.length > 0) throw new AmRequestError(409, `${name} cannot be deleted: ${runners.join(', ')} ${runners.length === 1 ? 'runs' : 'run'} it as an inner tree.`);
  const nodes = await nodesOf(realm, name);
  await remove(`${treesBase(realm)}/trees/${encodeURIComponent(name)}`);
  for (const node of nodes) await remove(`${treesBase(realm)}/nodes/${encodeURIComponent(node.type)}/${encodeURIComponent(node.id)}`).catch(() => undefined);
}
