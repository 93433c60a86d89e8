/** `arbor journey import <file…> [--realm alpha]`: imports journey export files into a realm. */
import { readFile } from 'node:fs/promises';
import type { ValidateJourneyOptions } from '../journeys/engine/validate-journey.ts';
import { isJourneyFileError } from '../journeys/trees/errors.ts';
import { importJourneys } from '../journeys/trees/import-journeys.ts';
import type { JourneyFile } from '../journeys/trees/read-journey-batch.ts';
import { parseJourneyJson } from '../journeys/trees/read-journey-file.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const USAGE = `Usage: arbor journey import <file…> [--realm alpha]

Imports authentication journeys from export files: Frodo (multi-tree and 0.x single-tree),
the platform admin UI export, Amster (entity files, trees and nodes may be in separate files)
and AM REST ({tree, nodes}, or bare tree and node objects). Trees of the same import may run
each other as inner trees. Each tree is imported fully or refused with every problem found;
all accepted trees are written together.

Options:
  --realm <name>  realm to import into: alpha, /alpha, root or / (default: alpha)
  -h, --help      show this help

Prints "imported <name>" or "refused <name>: <problems>" per tree.
Exit status: 0 all imported, 1 a tree was refused, 2 usage error, unknown realm or unreadable file.`;

/** Error lines start with the command, as every `arbor` error does. */
const PREFIX = 'arbor journey import: ';

/** What the command uses besides its context; tests pass a small node registry. */
export interface JourneyImportDeps {
  registry?: ValidateJourneyOptions['registry'];
}

async function builtinRegistry(): Promise<ValidateJourneyOptions['registry']> {
  // Loaded on first use so that `arbor --help` does not load every node type.
  const { builtinNodes, createNodeRegistry } = await import('../journeys/nodes/registry.ts');
  return createNodeRegistry(builtinNodes);
}

/** Makes the `journey import` command. */
export function createJourneyImportCommand(deps: JourneyImportDeps = {}): CliCommand {
  return defineCommand({
    path: ['journey', 'import'],
    summary: 'Import journeys from Frodo, Amster, AM REST or platform admin export files',
    usage: USAGE,
    async run(args, ctx) {
      const parsed = parseCommandArgs({ args, options: { realm: { type: 'string', default: 'alpha' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
      if (parsed.values.help === true) {
        ctx.out(USAGE);
        return 0;
      }
      realmOption(parsed.values.realm);
      if (parsed.positionals.length === 0) throw usageError('name at least one file');
      const files: JourneyFile[] = [];
      let unreadable = false;
      for (const path of parsed.positionals) {
        try {
          files.push({ name: path, json: parseJourneyJson(await readFile(path, 'utf8'), path) });
        } catch (error) {
          unreadable = true;
          if (isJourneyFileError(error)) ctx.err(`${PREFIX}${error.message}`);
          else ctx.err(`${PREFIX}${path}: cannot be read: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (unreadable) return 2;

      const registry = deps.registry ?? (await builtinRegistry());
      const store = await ctx.openStore();
      let report;
      try {
        const realm = await resolveRealm(store.realms, parsed.values.realm);
        report = await importJourneys({ store, registry, realm: realm.name, files });
      } finally {
        await store.close();
      }
      for (const error of report.fileErrors) ctx.err(`${PREFIX}${error.message}`);
      if (report.fileErrors.length > 0) {
        ctx.err(`${PREFIX}nothing imported`);
        return 2;
      }
      for (const item of report.ignored) {
        ctx.err(`ignored ${item.kind} '${item.name}'${item.tree === undefined ? '' : ` of tree '${item.tree}'`} (${item.file})`);
      }
      for (const item of report.reconstructedTypes) {
        ctx.err(`node ${item.nodeId} of tree '${item.tree}' has no _type; took ${item.nodeType} from the tree (${item.file})`);
      }
      for (const tree of report.trees) {
        ctx.out(tree.status === 'imported' ? `imported ${tree.name}` : `refused ${tree.name}: ${tree.problems.map((problem) => problem.message).join('; ')}`);
        if (tree.status === 'imported' && tree.warnings.length > 0) ctx.err(`warning ${tree.name}: ${tree.warnings.map((problem) => problem.message).join('; ')}`);
      }
      if (report.trees.length === 0) {
        ctx.err(`${PREFIX}no journey found in the files given`);
        return 2;
      }
      return report.trees.every((tree) => tree.status === 'imported') ? 0 : 1;
    },
  });
}

/** `arbor journey import`, with the built-in node types. */
export const journeyImportCommand: CliCommand = createJourneyImportCommand();
