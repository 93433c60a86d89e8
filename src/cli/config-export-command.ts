/**
 * `arbor config export <dir> [--realm alpha] [--global]`: writes a realm as config-as-code files
 * (docs/config-as-code.md), secrets as references. Global documents (`global/`) are written when
 * no `--realm` is given, or with `--global`.
 */
import { exportConfig } from '../config-as-code/export-config.ts';
import { readConfigDirectory, writeConfigDirectory } from '../config-as-code/config-directory.ts';
import { isLayoutPath } from '../config-as-code/import-config.ts';
import type { ConfigFiles } from '../config-as-code/config-files.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { platformNodeRegistry } from './platform-node-registry.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';


const USAGE = `Usage: arbor config export <dir> [--realm alpha] [--global]

Writes a realm as stable, diff-friendly JSON files (sorted keys, two-space indent, one file per
object) in <dir>: realm.json, self-service.json, oauth2-provider.json, journeys/, scripts/ (each
script's metadata and its source as a .js file), custom-nodes/, social-providers/<type>/,
oauth2-clients/ and, for the global documents, global/ (email.json, email-templates/, kba.json,
terms.json, consent.json, managed.json, secrets/). Secrets are written as references
({"$secret": "<reference>"}), never in clear. Files of an earlier export that the realm no longer
has are removed; other files in <dir> are left alone. See docs/config-as-code.md.

Options:
  --realm <name>  realm to export: alpha, /alpha, root or / (default: alpha, with global/)
  --global        also write global/ when --realm is given
  -h, --help      show this help

Exit status: 0 exported, 2 usage error, unknown realm or unwritable directory.`;

/** \`arbor config export\`. */
export const configExportCommand: CliCommand = defineCommand({
  path: ['config', 'export'],
  summary: 'Export a realm as config-as-code files',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { realm: { type: 'string' }, global: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help === true) {
      ctx.out(USAGE);
      return 0;
    }
    const [dir, extra] = positionals;
    if (dir === undefined || dir === '' || extra !== undefined) throw usageError('name one directory');
    if (values.realm !== undefined) realmOption(values.realm);
    const global = values.realm === undefined || values.global === true;
    const registry = await platformNodeRegistry();
    const store = await ctx.openStore();
    let files: ConfigFiles;
    try {
      const realm = await resolveRealm(store.realms, values.realm ?? 'alpha');
      files = await exportConfig(store, { realm, global, registry });
    } finally {
      await store.close();
    }
    try {
      let previous: ConfigFiles = new Map();
      try {
        previous = new Map([...(await readConfigDirectory(dir))].filter(([path]) => isLayoutPath(path)));
      } catch {
        previous = new Map();
      }
      await writeConfigDirectory(dir, files, previous);
    } catch (error) {
      ctx.err(`arbor config export: ${dir}: cannot be written: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    ctx.err(`wrote ${files.size} files to ${dir}`);
    return 0;
  },
});
