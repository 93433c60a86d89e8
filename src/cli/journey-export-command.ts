/**
 * `arbor journey export <name…> [--realm alpha] [--format frodo|am] [--inner-trees] [--out file]`:
 * writes journeys of a realm as a Frodo export (default) or in the AM REST `{tree, nodes}` shape.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { JourneyDefinition } from '../journeys/engine/tree-model.ts';
import type { JourneyRepository } from '../journeys/ports.ts';
import { exportJourneys } from '../journeys/trees/export-journeys.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import type { ProviderJson } from '../social/providers/provider-document.ts';
import { providersForJourney } from '../social/providers/journey-providers.ts';
import { createSocialProviderService } from '../social/providers/social-provider-service.ts';
import type { Store } from '../store/store.ts';
import type { AmScript } from '../scripting/am-script.ts';
import { configScriptStore } from '../scripting/script-store.ts';
import type { CustomNodeType } from '../journeys/nodes/scripting/custom-script-node-definition.ts';
import { configCustomNodeStore } from '../journeys/nodes/scripting/custom-script-node-store.ts';
import { BUILTIN_SCRIPT_IDS, scriptIdsOf } from '../journeys/trees/script-references.ts';
import { innerTreeNamesOf } from '../journeys/trees/inner-tree-names.ts';
import { withoutSecretConfig } from '../journeys/trees/secret-config.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand, CliContext } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { platformNodeRegistry } from './platform-node-registry.ts';
import { readSecretSealer } from './read-secret-sealer.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const USAGE = `Usage: arbor journey export <name…> [--realm alpha] [--format frodo|am] [--inner-trees] [--out file]

Writes journeys as JSON: a Frodo multi-tree export (default; what \`frodo journey import\` reads)
or the AM REST {tree, nodes} shape (a list when several trees are named). A Frodo export carries,
in each tree's scripts, the realm's scripts its nodes use (their source as stored), and in its
socialIdentityProviders the social identity providers the tree offers (its Select Identity
Provider nodes' filteredProviders, or every provider of the realm), without their secrets.
Secrets in node configuration (the clientSecret of the legacy social nodes) are left out too.

Options:
  --realm <name>      realm to export from: alpha, /alpha, root or / (default: alpha)
  --format frodo|am   output format (default: frodo)
  --inner-trees       also export the trees the named ones run as inner trees, at any depth
  --out <file>        write to this file instead of standard output
  -h, --help          show this help

Exit status: 0 exported, 1 a named tree does not exist, 2 usage error, unknown realm or unwritable file.`;

/** The named journeys plus, with `inner`, every inner tree they reach; missing names come back apart. */
async function collect(repo: JourneyRepository, realm: string, names: readonly string[], inner: boolean, ctx: CliContext): Promise<{ found: JourneyDefinition[]; missing: string[] }> {
  const found: JourneyDefinition[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const journey = await repo.get(realm, name);
    if (journey === undefined) missing.push(name);
    else found.push(journey);
  }
  if (!inner) return { found, missing };
  for (let index = 0; index < found.length; index += 1) {
    const runner = found[index];
    if (runner === undefined) continue;
    for (const name of innerTreeNamesOf(runner)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const journey = await repo.get(realm, name);
      if (journey === undefined) ctx.err(`inner tree '${name}' of '${runner.tree._id}' does not exist in realm ${realm}; exported without it`);
      else found.push(journey);
    }
  }
  return { found, missing };
}

/**
 * The social identity providers each of `journeys` uses, by tree name (AM's JSON; `clientSecret`
 * never leaves the store). Listing providers opens no secret, so without a master key (none
 * generated yet, or the server's only in its own environment) any sealer does.
 */
async function providersByTree(ctx: CliContext, store: Store, realm: string, journeys: readonly JourneyDefinition[]): Promise<Map<string, Record<string, ProviderJson>>> {
  const sealer = (await readSecretSealer(ctx.env)) ?? createSecretSealer(randomBytes(32));
  const service = createSocialProviderService({ configs: store.configs, sealer });
  const byTree = new Map<string, Record<string, ProviderJson>>();
  for (const journey of journeys) byTree.set(journey.tree._id, await providersForJourney(service, realm, journey));
  return byTree;
}

/** The realm's scripts that `journeys` use, by id (built-in ones are not stored, so not exported). */
async function scriptsOf(store: Store, realm: string, journeys: readonly JourneyDefinition[]): Promise<Map<string, AmScript>> {
  const scripts = configScriptStore(store.configs);
  const found = new Map<string, AmScript>();
  for (const id of new Set(journeys.flatMap(scriptIdsOf))) {
    const script = await scripts.get(realm, id);
    if (script !== undefined) found.set(id, script);
  }
  return found;
}

/** The realm's scripts the providers' `transform`s name (AM's default ids are built in, so never stored). */
async function transformScriptsOf(store: Store, realm: string, providers: ReadonlyMap<string, Record<string, ProviderJson>>): Promise<Map<string, AmScript>> {
  const scripts = configScriptStore(store.configs);
  const found = new Map<string, AmScript>();
  for (const byName of providers.values()) {
    for (const provider of Object.values(byName)) {
      const id = provider.transform;
      if (typeof id !== 'string' || BUILTIN_SCRIPT_IDS.has(id) || found.has(id)) continue;
      const script = await scripts.get(realm, id);
      if (script !== undefined) found.set(id, script);
    }
  }
  return found;
}

/** `arbor journey export`. */
export const journeyExportCommand: CliCommand = defineCommand({
  path: ['journey', 'export'],
  summary: 'Export journeys as a Frodo export or in the AM REST shape',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs({
      args,
      options: {
        realm: { type: 'string', default: 'alpha' },
        format: { type: 'string', default: 'frodo' },
        'inner-trees': { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
    if (values.help === true) {
      ctx.out(USAGE);
      return 0;
    }
    const format = values.format;
    if (format !== 'frodo' && format !== 'am') throw usageError(`--format must be frodo or am, got "${format}"`);
    realmOption(values.realm);
    if (values.out === '') throw usageError('--out needs a file name');
    if (positionals.length === 0) throw usageError('name at least one tree');
    const store = await ctx.openStore();
    let result;
    let realm;
    let providers = new Map<string, Record<string, ProviderJson>>();
    let scripts = new Map<string, AmScript>();
    let transformScripts = new Map<string, AmScript>();
    let customNodes = new Map<string, CustomNodeType>();
    try {
      realm = await resolveRealm(store.realms, values.realm);
      result = await collect(store.journeys, realm.name, positionals, values['inner-trees'], ctx);
      if (format === 'frodo' && result.missing.length === 0) {
        providers = await providersByTree(ctx, store, realm.name, result.found);
        scripts = await scriptsOf(store, realm.name, result.found);
        transformScripts = await transformScriptsOf(store, realm.name, providers);
        customNodes = new Map((await configCustomNodeStore(store.configs).list(realm.name)).map((type) => [type._id, type]));
      }
    } finally {
      await store.close();
    }
    for (const name of result.missing) ctx.err(`arbor journey export: tree '${name}' does not exist in realm ${realm.name}`);
    if (result.missing.length > 0) return 1;
    const origin = ctx.env.ARBOR_PUBLIC_URL || 'arbor';
    const registry = await platformNodeRegistry();
    const exported = exportJourneys(
      result.found.map((journey) => withoutSecretConfig(journey, registry)),
      { format, origin, scripts, customNodes },
    );
    if ('trees' in exported) {
      for (const [name, tree] of Object.entries(exported.trees)) {
        const offered = providers.get(name) ?? {};
        tree.socialIdentityProviders = offered;
        // A custom normalization script travels with the provider that names it.
        for (const provider of Object.values(offered)) {
          const script = typeof provider.transform === 'string' ? transformScripts.get(provider.transform) : undefined;
          if (script !== undefined) tree.scripts[script._id] = structuredClone(script);
        }
      }
    }
    const text = JSON.stringify(exported, null, 2);
    if (values.out === undefined) {
      ctx.out(text);
    } else {
      try {
        await writeFile(values.out, `${text}\n`, 'utf8');
      } catch (error) {
        ctx.err(`arbor journey export: ${values.out}: cannot be written: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
      ctx.err(`wrote ${result.found.map((journey) => journey.tree._id).join(', ')} to ${values.out}`);
    }
    return 0;
  },
});
