/** `arbor journey import <file…> [--realm alpha]`: imports journey export files into a realm. */
import { readFile } from 'node:fs/promises';
import { loadServerSettings } from '../config/server-settings.ts';
import { isBlocking, type ValidateJourneyOptions } from '../journeys/engine/validate-journey.ts';
import { isJourneyFileError } from '../journeys/trees/errors.ts';
import { importJourneys, type ImportJourneysReport } from '../journeys/trees/import-journeys.ts';
import type { JourneyFile } from '../journeys/trees/read-journey-batch.ts';
import { parseJourneyJson } from '../journeys/trees/read-journey-file.ts';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { isSecretsError } from '../secrets/errors.ts';
import { createSecretSealer, type SecretSealer } from '../secrets/secret-sealer.ts';
import { importExportProviders, type ProviderImportResult, providersInExport } from '../social/providers/journey-providers.ts';
import { createSocialProviderService } from '../social/providers/social-provider-service.ts';
import type { Store } from '../store/store.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand, CliContext } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { platformNodeRegistry } from './platform-node-registry.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const USAGE = `Usage: arbor journey import <file…> [--realm alpha]

Imports authentication journeys from export files: Frodo (multi-tree and 0.x single-tree, with
innerNodes or amtree's innernodes), the platform admin UI export, Amster (entity files; trees,
nodes and scripts may be in separate files) and AM REST ({tree, nodes}, or bare tree and node
objects). Trees of the files of one command may run each other as inner trees. Each tree is
imported fully or refused with every problem found; all accepted trees are written together,
after the scripts they carry (the scripts of a Frodo export). A tree whose Scripted Decision,
Config Provider or Social Provider Handler node names a script that is neither in the files nor
stored in the realm is refused. A connection from an outcome its node does not have is dropped
with a warning, as AM runs such trees. Secrets in node configuration (the clientSecret of the
legacy social nodes) are sealed with the master key before they are stored; a node without one
keeps the secret stored for it (exports carry none), an empty one removes it. The social identity
providers of a Frodo export (socialIdentityProviders) are stored in the realm's Social Identity
Provider Service; a client secret in the file is sealed with the master key, and a null one keeps
the secret stored.

Options:
  --realm <name>  realm to import into: alpha, /alpha, root or / (default: alpha)
  -h, --help      show this help

Prints "imported <name>" or "refused <name>" per tree, "imported script '<name>' (<id>)" per
script, and "imported social provider <name>" or "refused social provider <name>: <problems>" per
provider. Problems go to standard error, one per line, marked "error:" (the tree is refused for
it) or "warning:" (imported anyway, or something of the files left out).
Exit status: 0 all imported, 1 a tree or provider was refused, 2 usage error, unknown realm,
unreadable file, or a secret that cannot be sealed (master key missing or wrong).`;

/** Error lines start with the command, as every `arbor` error does. */
const PREFIX = 'arbor journey import: ';

/** What the command uses besides its context; tests pass a small node registry. */
export interface JourneyImportDeps {
  registry?: ValidateJourneyOptions['registry'];
}

/**
 * The master key's sealer, loaded on first use as the server loads it, checked against the stored
 * keys (generated, with the server's warning, on a fresh install), so that a secret in a file is
 * never sealed with a key the server will not have.
 */
function sealerLoader(ctx: CliContext, store: Store): () => Promise<SecretSealer> {
  let loaded: Promise<SecretSealer> | undefined;
  const load = async (): Promise<SecretSealer> => {
    const dataDir = loadServerSettings(ctx.env, process.cwd()).dataDir;
    const masterKey = await loadCheckedMasterKey({ env: ctx.env, dataDir, keys: store.keys, realms: store.realms });
    if (masterKey.generated) {
      ctx.err(`WARNING: generated a new master key in ${masterKey.path ?? dataDir}. It encrypts every realm key and provider secret: back it up with the data directory, or set ARBOR_MASTER_KEY (see docs/operations.md).`);
    }
    return createSecretSealer(masterKey.key);
  };
  return () => (loaded ??= load());
}

/** Stores the social identity providers of `files` in `realm`. */
async function importProviders(sealer: () => Promise<SecretSealer>, store: Store, realm: string, files: readonly JourneyFile[]): Promise<ProviderImportResult[]> {
  const withProviders = files.filter((file) => providersInExport(file.json).size > 0);
  if (withProviders.length === 0) return [];
  const service = createSocialProviderService({ configs: store.configs, sealer: await sealer() });
  const results: ProviderImportResult[] = [];
  for (const file of withProviders) results.push(...(await importExportProviders(service, realm, file.json)));
  return results;
}

/**
 * Prints the outcome: what was imported or refused on standard output, one line per tree (and per
 * script stored); on standard error every problem on its own line, marked `error:` (the tree is
 * refused for it) or `warning:` (imported anyway, or something of the files left out).
 */
function printReport(report: ImportJourneysReport, ctx: CliContext): void {
  // Providers are imported (below), not ignored.
  for (const item of report.ignored.filter((ignored) => ignored.kind !== 'socialIdentityProvider')) {
    ctx.err(`warning: ignored ${item.kind} '${item.name}'${item.tree === undefined ? '' : ` of tree '${item.tree}'`} (${item.file})`);
  }
  for (const item of report.reconstructedTypes) {
    ctx.err(`warning: node ${item.nodeId} of tree '${item.tree}' has no _type; took ${item.nodeType} from the tree (${item.file})`);
  }
  for (const tree of report.trees) {
    const found = tree.status === 'imported' ? tree.warnings : tree.problems;
    for (const problem of found) ctx.err(`${isBlocking(problem) ? 'error' : 'warning'}: ${tree.name}: ${problem.message}`);
  }
  for (const script of report.scripts) ctx.out(`imported script '${script.name}' (${script.id})`);
  for (const tree of report.trees) ctx.out(`${tree.status} ${tree.name}`);
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

      const registry = deps.registry ?? (await platformNodeRegistry());
      const store = await ctx.openStore();
      let report;
      let providers: ProviderImportResult[] = [];
      let providerFailure: string | undefined;
      try {
        const realm = await resolveRealm(store.realms, parsed.values.realm);
        const sealer = sealerLoader(ctx, store);
        try {
          report = await importJourneys({ store, registry, realm: realm.name, files, sealer });
        } catch (error) {
          // A missing or wrong master key: a secret is never stored in clear, so nothing is imported.
          if (!isSecretsError(error)) throw error;
          ctx.err(`${PREFIX}nothing imported: secrets in node configuration cannot be sealed: ${error.message}`);
          return 2;
        }
        if (report.fileErrors.length === 0) {
          try {
            providers = await importProviders(sealer, store, realm.name, files);
          } catch (error) {
            // A missing or wrong master key: the trees are in, the providers wait for the right key.
            if (!isSecretsError(error)) throw error;
            providerFailure = error.message;
          }
        }
      } finally {
        await store.close();
      }
      for (const error of report.fileErrors) ctx.err(`error: ${error.message}`);
      if (report.fileErrors.length > 0) {
        ctx.err(`${PREFIX}nothing imported`);
        return 2;
      }
      printReport(report, ctx);
      for (const provider of providers) {
        ctx.out(provider.status === 'imported' ? `imported social provider ${provider.name}` : `refused social provider ${provider.name}: ${provider.reason}`);
      }
      if (providerFailure !== undefined) ctx.err(`${PREFIX}social providers not imported: ${providerFailure}`);
      if (report.trees.length === 0) {
        ctx.err(`${PREFIX}no journey found in the files given`);
        return 2;
      }
      return providerFailure === undefined && report.trees.every((tree) => tree.status === 'imported') && providers.every((provider) => provider.status === 'imported') ? 0 : 1;
    },
  });
}

/** `arbor journey import`, with the built-in node types. */
export const journeyImportCommand: CliCommand = createJourneyImportCommand();
