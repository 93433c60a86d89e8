/**
 * Journey import: reads a batch of export files, validates every tree (inner trees may be in the
 * realm or in the same batch), refuses a tree with every problem found (and the trees that run a
 * refused tree), and writes all accepted trees in one transaction, their secret node config
 * sealed (`secret-config.ts`), after the scripts and Node Designer node types they carry (`import-scripts.ts`,
 * `import-custom-nodes.ts`); with `allOrNothing`, one refused tree means nothing is written. A connection
 * from an outcome a node does not have is dropped with a warning, as AM runs such trees. Bad
 * input is a report, never an exception.
 */
import { configScriptStore } from '../../scripting/script-store.ts';
import type { AmScript } from '../../scripting/am-script.ts';
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import { isBlocking, validateJourney } from '../engine/validate-journey.ts';
import type { JourneyProblem, JourneyProblemCode, ValidateJourneyOptions } from '../engine/validate-journey.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import type { JourneyFileError } from './errors.ts';
import { innerTreeNamesOf } from './inner-tree-names.ts';
import type { IgnoredItem, JourneyFromFile, TypeReconstruction } from './journey-file-content.ts';
import { dropDanglingConnections } from './drop-dangling-connections.ts';
import { checkBatchScripts, missingScripts, scriptToStore } from './import-scripts.ts';
import { checkBatchCustomNodes, missingCustomNodes } from './import-custom-nodes.ts';
import { configCustomNodeStore } from '../nodes/scripting/custom-script-node-store.ts';
import type { CustomNodeType } from '../nodes/scripting/custom-script-node-definition.ts';
import type { JourneyImportStore } from './journey-store.ts';
import { INNER_TREE_NODE_TYPE } from './page-children.ts';
import { readJourneyBatch } from './read-journey-batch.ts';
import type { JourneyFile } from './read-journey-batch.ts';
import { sealSecretConfig, secretsInClear, storedSecretsInClear } from './secret-config.ts';

/** Codes of import problems: validation's, plus those of the batch as a whole. */
export type ImportProblemCode = JourneyProblemCode | 'INNER_TREE_REFUSED' | 'TREE_DUPLICATE' | 'SCRIPT_INVALID' | 'SCRIPT_CONFLICT' | 'SCRIPT_MISSING' | 'CUSTOM_NODE_INVALID' | 'CUSTOM_NODE_CONFLICT' | 'CUSTOM_NODE_MISSING' | 'OUTCOME_CONNECTION_DROPPED';

/** One reason a tree was refused. */
export interface ImportProblem extends Omit<JourneyProblem, 'code'> {
  code: ImportProblemCode;
}

/** What happened to one tree of the batch. */
export type TreeImportResult =
  | { name: string; file: string; status: 'imported'; warnings: ImportProblem[] }
  | { name: string; file: string; status: 'refused'; problems: ImportProblem[] };

/** The outcome of an import. When a file cannot be read, nothing is imported. */
export interface ImportJourneysReport {
  trees: TreeImportResult[];
  /** The scripts stored with the imported trees. */
  scripts: { id: string; name: string; file: string }[];
  /** The Node Designer node types stored with the imported trees. */
  customNodes?: { id: string; name: string; file: string }[];
  fileErrors: JourneyFileError[];
  ignored: IgnoredItem[];
  reconstructedTypes: TypeReconstruction[];
}

/** What an import needs. */
export interface ImportJourneysInput {
  store: JourneyImportStore;
  registry: ValidateJourneyOptions['registry'];
  /** Realm name (`alpha`, `root`). */
  realm: string;
  files: readonly JourneyFile[];
  /** The master key's sealer, asked for only when a tree has secret node config in clear. */
  sealer?: () => Promise<SecretSealer>;
  /** Milliseconds since 1970, for the dates of scripts an export gives none. */
  now?: () => number;
  /** Writes nothing when any tree is refused (the admin REST's import), instead of every tree that is accepted. */
  allOrNothing?: boolean;
  /** More writes that land with the trees, in their transaction (a throw rolls everything back). */
  alongside?: (tx: Parameters<Parameters<JourneyImportStore['transaction']>[0]>[0]) => Promise<void>;
}

/** Imports the journeys of `files` into `realm`; each tree fully or not at all. */
export async function importJourneys(input: ImportJourneysInput): Promise<ImportJourneysReport> {
  const { store, registry, realm } = input;
  const batch = readJourneyBatch(input.files);
  const scripts = checkBatchScripts(batch.scripts);
  const report: ImportJourneysReport = { trees: [], scripts: [], fileErrors: [...batch.errors, ...scripts.fileErrors], ignored: batch.ignored, reconstructedTypes: batch.reconstructedTypes };
  if (report.fileErrors.length > 0) return report;
  const storedScripts = new Map<string, Promise<AmScript | undefined>>();
  const storedScript = (id: string): Promise<AmScript | undefined> => {
    const known = storedScripts.get(id) ?? configScriptStore(store.configs).get(realm, id);
    storedScripts.set(id, known);
    return known;
  };
  const customNodes = checkBatchCustomNodes(batch.customNodes);
  const storedCustomNode = (id: string): Promise<CustomNodeType | undefined> => configCustomNodeStore(store.configs).get(realm, id);

  const byName = new Map<string, JourneyFromFile[]>();
  for (const item of batch.journeys) byName.set(item.definition.tree._id, [...(byName.get(item.definition.tree._id) ?? []), item]);
  const stored = new Map<string, Promise<JourneyDefinition | undefined>>();
  const storedJourney = (name: string): Promise<JourneyDefinition | undefined> => {
    const known = stored.get(name) ?? store.journeys.get(realm, name);
    stored.set(name, known);
    return known;
  };
  const options: ValidateJourneyOptions = {
    registry,
    treeExists: async (name) => byName.has(name) || (await storedJourney(name)) !== undefined,
    innerTreesOf: async (name) => {
      const inBatch = byName.get(name)?.[0];
      const definition = inBatch?.definition ?? (await storedJourney(name));
      return definition === undefined ? undefined : innerTreeNamesOf(definition);
    },
  };

  const problems = new Map<JourneyFromFile, ImportProblem[]>();
  /** What is stored of each tree: as read, less the connections dropped. */
  const toStore = new Map<JourneyFromFile, JourneyDefinition>();
  for (const item of batch.journeys) {
    const found: ImportProblem[] = [];
    const copies = byName.get(item.definition.tree._id) ?? [];
    if (copies.length > 1) {
      const files = copies.map((copy) => copy.file).join(', ');
      found.push({ code: 'TREE_DUPLICATE', message: `tree '${item.definition.tree._id}' is in this import ${copies.length} times (${files})` });
    }
    let definition = item.definition;
    const firstPass = await validateJourney(definition, options);
    let validated: ImportProblem[] = firstPass;
    const pruned = dropDanglingConnections(definition, firstPass);
    if (pruned !== undefined) {
      definition = pruned.definition;
      validated = [...pruned.dropped, ...(await validateJourney(definition, options))];
    }
    found.push(...validated, ...(scripts.treeProblems.get(definition.tree._id) ?? []), ...(await missingScripts(definition, scripts, realm, storedScript)));
    found.push(...(customNodes.treeProblems.get(definition.tree._id) ?? []), ...(await missingCustomNodes(definition, customNodes, realm, storedCustomNode)));
    problems.set(item, found);
    toStore.set(item, definition);
  }
  refuseRunnersOfRefused(batch.journeys, byName, problems);

  const blocked = (item: JourneyFromFile): boolean => (problems.get(item) ?? []).some(isBlocking);
  const accepted = input.allOrNothing === true && batch.journeys.some(blocked) ? [] : batch.journeys.filter((item) => !blocked(item));
  if (accepted.length > 0) {
    let sealer: SecretSealer | undefined;
    const ready: JourneyDefinition[] = [];
    for (const item of accepted) {
      const definition = toStore.get(item) ?? item.definition;
      const before = await storedJourney(definition.tree._id);
      // A secret stored in clear before its field was declared secret is sealed by this write too.
      const clearBefore = before !== undefined && storedSecretsInClear(before, registry).length > 0;
      if (sealer === undefined && (secretsInClear(definition, registry).length > 0 || clearBefore)) sealer = await input.sealer?.();
      ready.push(sealSecretConfig(definition, { registry, realm, sealer, stored: before }));
    }
    // The scripts the accepted trees carry (and those that come on their own), written before the trees.
    const acceptedNames = new Set(accepted.map((item) => item.definition.tree._id));
    const wanted = new Set(batch.scripts.filter((script) => script.tree === undefined || acceptedNames.has(script.tree)).map((script) => script.id));
    const now = (input.now ?? Date.now)();
    const scriptsReady: AmScript[] = [];
    for (const [id, checked] of scripts.byId) {
      if (!wanted.has(id)) continue;
      scriptsReady.push(scriptToStore(checked, await storedScript(id), now));
      report.scripts.push({ id, name: checked.fields.name, file: checked.file });
    }
    const typesWanted = new Set(batch.customNodes.filter((item) => item.tree === undefined || acceptedNames.has(item.tree)).map((item) => item.id));
    const typesReady = [...customNodes.byId].filter(([id]) => typesWanted.has(id));
    if (typesReady.length > 0) report.customNodes = typesReady.map(([id, { type, file }]) => ({ id, name: type.displayName, file }));
    await store.transaction(async (tx) => {
      const txScripts = configScriptStore(tx.configs);
      for (const script of scriptsReady) await txScripts.put(realm, script);
      const txTypes = configCustomNodeStore(tx.configs);
      for (const [, { type }] of typesReady) await txTypes.put(realm, type);
      for (const definition of ready) await tx.journeys.put(realm, definition);
      await input.alongside?.(tx);
    });
  }
  report.trees = batch.journeys.map((item): TreeImportResult => {
    const found = problems.get(item) ?? [];
    const { file, definition } = item;
    return found.some(isBlocking)
      ? { name: definition.tree._id, file, status: 'refused', problems: found }
      : { name: definition.tree._id, file, status: 'imported', warnings: found };
  });
  return report;
}

/**
 * A tree that runs a tree this import refuses is refused too (or gets that extra problem), until
 * nothing changes.
 */
function refuseRunnersOfRefused(journeys: readonly JourneyFromFile[], byName: ReadonlyMap<string, JourneyFromFile[]>, problems: Map<JourneyFromFile, ImportProblem[]>): void {
  const refused = (name: string): boolean => (byName.get(name) ?? []).some((item) => (problems.get(item) ?? []).some(isBlocking));
  for (let changed = true; changed; ) {
    changed = false;
    for (const item of journeys) {
      const found = problems.get(item) ?? [];
      const { tree, nodes } = item.definition;
      for (const [id, entry] of Object.entries(tree.nodes)) {
        const name = entry.nodeType === INNER_TREE_NODE_TYPE ? nodes[id]?.tree : undefined;
        if (typeof name !== 'string' || !refused(name)) continue;
        if (found.some((problem) => problem.code === 'INNER_TREE_REFUSED' && problem.nodeId === id)) continue;
        found.push({
          code: 'INNER_TREE_REFUSED',
          message: `node ${id} '${entry.displayName}' (${entry.nodeType}) runs inner tree '${name}', which this import refuses`,
          nodeId: id,
          nodeType: entry.nodeType,
        });
        problems.set(item, found);
        changed = true;
      }
    }
  }
}
