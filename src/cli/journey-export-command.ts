/**
 * `arbor journey export <name…> [--realm alpha] [--format frodo|am] [--inner-trees] [--out file]`:
 * writes journeys of a realm as a Frodo export (default) or in the AM REST `{tree, nodes}` shape.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { collectJourneys, exportWithDependencies } from '../journeys/admin/journey-export-bundle.ts';
import { exportJourneys } from '../journeys/trees/export-journeys.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { createSocialProviderService } from '../social/providers/social-provider-service.ts';
import { withoutSecretConfig } from '../journeys/trees/secret-config.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
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
    let exported: unknown;
    let names: string[] = [];
    try {
      const realm = await resolveRealm(store.realms, values.realm);
      const { found, missing, warnings } = await collectJourneys(store.journeys, realm.name, positionals, values['inner-trees']);
      for (const name of missing) ctx.err(`arbor journey export: tree '${name}' does not exist in realm ${realm.name}`);
      if (missing.length > 0) return 1;
      for (const warning of warnings) ctx.err(warning);
      const registry = await platformNodeRegistry();
      const origin = ctx.env.ARBOR_PUBLIC_URL || 'arbor';
      if (format === 'am') {
        exported = exportJourneys(found.map((journey) => withoutSecretConfig(journey, registry)), { format, origin });
      } else {
        // Listing providers opens no secret, so without a master key (none generated yet, or the server's only in its own environment) any sealer does.
        const sealer = (await readSecretSealer(ctx.env)) ?? createSecretSealer(randomBytes(32));
        const providers = createSocialProviderService({ configs: store.configs, sealer });
        exported = await exportWithDependencies({ journeys: store.journeys, configs: store.configs, providers, registry, origin, exportedBy: 'arbor' }, realm.name, found);
      }
      names = found.map((journey) => journey.tree._id);
    } finally {
      await store.close();
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
      ctx.err(`wrote ${names.join(', ')} to ${values.out}`);
    }
    return 0;
  },
});
