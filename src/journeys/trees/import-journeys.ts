/**
 * Journey import: reads a batch of export files, validates every tree (inner trees may be in the
 * realm or in the same batch), refuses a tree with every problem found (and the trees that run a
 * refused tree), and writes all accepted trees in one transaction, their secret node config
 * sealed (`secret-config.ts`). Bad input is a report, never an exception.
 */
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import { isBlocking, validateJourney } from '../engine/validate-journey.ts';
import type { JourneyProblem, JourneyProblemCode, ValidateJourneyOptions } from '../engine/validate-journey.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import type { JourneyFileError } from './errors.ts';
import { innerTreeNamesOf } from './inner-tree-names.ts';
import type { IgnoredItem, JourneyFromFile, TypeReconstruction } from './journey-file-content.ts';
import type { JourneyStore } from './journey-store.ts';
import { INNER_TREE_NODE_TYPE } from './page-children.ts';
import { readJourneyBatch } from './read-journey-batch.ts';
import type { JourneyFile } from './read-journey-batch.ts';
import { sealSecretConfig, secretsInClear } from './secret-config.ts';

/** Codes of import problems: validation's, plus those of the batch as a whole. */
export type ImportProblemCode = JourneyProblemCode | 'INNER_TREE_REFUSED' | 'TREE_DUPLICATE';

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
  fileErrors: JourneyFileError[];
  ignored: IgnoredItem[];
  reconstructedTypes: TypeReconstruction[];
}

/** What an import needs. */
export interface ImportJourneysInput {
  store: JourneyStore;
  registry: ValidateJourneyOptions['registry'];
  /** Realm name (`alpha`, `root`). */
  realm: string;
  files: readonly JourneyFile[];
  /** The master key's sealer, asked for only when a tree has secret node config in clear. */
  sealer?: () => Promise<SecretSealer>;
}

/** Imports the journeys of `files` into `realm`; each tree fully or not at all. */
export async function importJourneys(input: ImportJourneysInput): Promise<ImportJourneysReport> {
  const { store, registry, realm } = input;
  const batch = readJourneyBatch(input.files);
  const report: ImportJourneysReport = { trees: [], fileErrors: batch.errors, ignored: batch.ignored, reconstructedTypes: batch.reconstructedTypes };
  if (batch.errors.length > 0) return report;

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
  for (const item of batch.journeys) {
    const found: ImportProblem[] = [];
    const copies = byName.get(item.definition.tree._id) ?? [];
    if (copies.length > 1) {
      const files = copies.map((copy) => copy.file).join(', ');
      found.push({ code: 'TREE_DUPLICATE', message: `tree '${item.definition.tree._id}' is in this import ${copies.length} times (${files})` });
    }
    found.push(...(await validateJourney(item.definition, options)));
    problems.set(item, found);
  }
  refuseRunnersOfRefused(batch.journeys, byName, problems);

  const accepted = batch.journeys.filter((item) => !(problems.get(item) ?? []).some(isBlocking));
  if (accepted.length > 0) {
    let sealer: SecretSealer | undefined;
    const ready: JourneyDefinition[] = [];
    for (const { definition } of accepted) {
      if (sealer === undefined && secretsInClear(definition, registry).length > 0) sealer = await input.sealer?.();
      ready.push(sealSecretConfig(definition, { registry, realm, sealer, stored: await storedJourney(definition.tree._id) }));
    }
    await store.transaction(async (tx) => {
      for (const definition of ready) await tx.journeys.put(realm, definition);
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
