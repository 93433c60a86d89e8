/**
 * `arbor config import <dir> [--realm alpha] [--dry-run] [--prune] [--secrets file]`: checks every
 * file of a config-as-code directory, then applies all of it in one transaction (nothing when a
 * file is bad), printing each change (`+ created`, `~ changed`, `- removed`).
 */
import { readFile } from 'node:fs/promises';
import { readConfigDirectory } from '../config-as-code/config-directory.ts';
import { applyImport, planImport } from '../config-as-code/import-config.ts';
import { parseGivenSecrets } from '../config-as-code/secret-reference.ts';
import { loadServerSettings } from '../config/server-settings.ts';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { createSecretSealer, type SecretSealer } from '../secrets/secret-sealer.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { platformNodeRegistry } from './platform-node-registry.ts';
import { realmOption } from './realm-option.ts';

const USAGE = `Usage: arbor config import <dir> [--realm alpha] [--dry-run] [--prune] [--secrets file]

Reads a directory written by \`arbor config export\`, checks every file as the REST API and CLI
check each kind of object, then writes all of it in one transaction. When any file is bad
nothing is written, and each problem is printed as "error: <file>: <reason>". Each object that
changes is printed: "+ <file>" created, "~ <file>" changed, "- <file>" removed. Objects of the
realm that the directory lacks are kept, unless --prune. A realm that does not exist is created
from realm.json. Secret references ({"$secret": "<reference>"}) keep the secret stored at that
place, or take it from the --secrets file; a reference with neither is an error.

Options:
  --realm <name>    realm to import into: alpha, /alpha, root or / (default: alpha)
  --dry-run         check and print the changes; write nothing
  --prune           also remove the realm's journeys, scripts, node types, providers, clients and email templates the directory lacks
  --secrets <file>  a JSON object {"<reference>": "<secret>"} giving secrets for references
  -h, --help        show this help

Exit status: 0 imported (or nothing to change), 1 a file is bad (nothing written), 2 usage error or unreadable directory.`;

/** \`arbor config import\`. */
export const configImportCommand: CliCommand = defineCommand({
  path: ['config', 'import'],
  summary: 'Check and apply config-as-code files to a realm, all or nothing',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs({
      args,
      options: {
        realm: { type: 'string', default: 'alpha' },
        'dry-run': { type: 'boolean', default: false },
        prune: { type: 'boolean', default: false },
        secrets: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
    if (values.help === true) {
      ctx.out(USAGE);
      return 0;
    }
    const [dir, extra] = positionals;
    if (dir === undefined || dir === '' || extra !== undefined) throw usageError('name one directory');
    const realm = realmOption(values.realm);
    let secrets = new Map<string, string>();
    let files;
    try {
      if (values.secrets !== undefined) secrets = parseGivenSecrets(await readFile(values.secrets, 'utf8'));
    } catch (error) {
      ctx.err(`arbor config import: ${values.secrets}: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    try {
      files = await readConfigDirectory(dir);
    } catch (error) {
      ctx.err(`arbor config import: ${dir}: cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    const registry = await platformNodeRegistry();
    const store = await ctx.openStore();
    try {
      const sealer = async (): Promise<SecretSealer> => {
        const dataDir = loadServerSettings(ctx.env, process.cwd()).dataDir;
        const masterKey = await loadCheckedMasterKey({ env: ctx.env, dataDir, keys: store.keys, realms: store.realms });
        if (masterKey.generated) ctx.err(`WARNING: generated a new master key in ${masterKey.path ?? dataDir}: back it up with the data directory, or set ARBOR_MASTER_KEY (see docs/operations.md).`);
        return createSecretSealer(masterKey.key);
      };
      const plan = await planImport({ store, files, realm, registry, sealer, secrets, prune: values.prune });
      for (const problem of plan.problems) ctx.err(`error: ${problem.file}: ${problem.reason}`);
      if (plan.problems.length > 0) {
        ctx.err(`arbor config import: nothing imported (${plan.problems.length} ${plan.problems.length === 1 ? 'problem' : 'problems'})`);
        return 1;
      }
      for (const change of plan.changes) ctx.out(`${change.kind} ${change.file}`);
      if (values['dry-run']) {
        ctx.err(`dry run: ${plan.changes.length} ${plan.changes.length === 1 ? 'change' : 'changes'}, nothing written`);
        return 0;
      }
      await applyImport(plan, store);
      ctx.err(plan.changes.length === 0 ? 'nothing to change' : `imported: ${plan.changes.length} ${plan.changes.length === 1 ? 'change' : 'changes'}`);
      return 0;
    } finally {
      await store.close();
    }
  },
});
