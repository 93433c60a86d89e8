/**
 * `arbor users export [--realm alpha] [--format jsonl|csv] [--out file] [--include-password-hashes]`:
 * streams a realm's users as JSON Lines or CSV that `arbor users import` reads back.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportUsers } from '../identity/bulk/export-users.ts';
import { DEFAULT_KBA_PROPERTY } from '../identity/kba-answers.ts';
import { readKbaConfig } from '../selfservice/kba/kba-config.ts';
import { csvExportColumns, csvLine } from '../identity/bulk/csv-line.ts';
import { schemaForType } from '../identity/schema-for-type.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const USAGE = `Usage: arbor users export [--realm alpha] [--format jsonl|csv] [--out file] [--include-password-hashes]

Writes the users of a realm in _id order, as JSON Lines (default: every stored property) or CSV
(a header row, then one user per row; the schema's properties, nested ones as preferences/marketing).
Password hashes and security answers are left out unless --include-password-hashes is given; then
the hashes are written as "passwordHash" and the answers (kbaInfo) in their stored, hashed form, so
that the output re-imports with \`arbor users import\` and the users keep their passwords and
answers. Treat such a file as a secret.

Options:
  --realm <name>               realm to export: alpha, /alpha, root or / (default: alpha)
  --format jsonl|csv           output format (default: jsonl)
  --out <file>                 write to this file instead of standard output
  --include-password-hashes    include the password hashes and security answers (hashed)
  -h, --help                   show this help

Exit status: 0 exported, 2 usage error, unknown realm or unwritable file.`;

/** Writes lines to a file, waiting when the stream asks to (memory stays flat). */
async function fileWriter(path: string): Promise<{ write(line: string): Promise<void>; close(): Promise<void> }> {
  const stream: WriteStream = createWriteStream(path, { flags: 'w' });
  await once(stream, 'open');
  return {
    async write(line) {
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** `arbor users export`. */
export const usersExportCommand: CliCommand = defineCommand({
  path: ['users', 'export'],
  summary: 'Export users as JSON Lines or CSV (without password hashes unless asked)',
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs({
      args,
      options: { realm: { type: 'string', default: 'alpha' }, format: { type: 'string', default: 'jsonl' }, out: { type: 'string' }, 'include-password-hashes': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      ctx.out(USAGE);
      return 0;
    }
    const format = values.format;
    if (format !== 'jsonl' && format !== 'csv') throw usageError(`--format must be jsonl or csv, got "${format}"`);
    realmOption(values.realm);
    if (values.out === '') throw usageError('--out needs a file name');
    const includeHashes = values['include-password-hashes'];

    const store = await ctx.openStore();
    let writer: { write(line: string): Promise<void>; close(): Promise<void> } = { write: async (line) => ctx.out(line), close: async () => undefined };
    let count = 0;
    try {
      const realm = await resolveRealm(store.realms, values.realm);
      const columns = format === 'csv' ? csvExportColumns((await schemaForType(store.configs, realm.userType)).schema, includeHashes) : undefined;
      if (values.out !== undefined) {
        try {
          writer = await fileWriter(values.out);
        } catch (error) {
          throw cliError('INVALID_INPUT', `${values.out}: cannot be written: ${error instanceof Error ? error.message : String(error)}`, 2);
        }
      }
      if (columns !== undefined) await writer.write(columns.join(','));
      // Answers are left out under the property selfservice.kba names, renamed or not.
      const kbaPropertyName = (await readKbaConfig(store.configs))?.kbaPropertyName ?? DEFAULT_KBA_PROPERTY;
      for await (const user of exportUsers({ objects: store.managedObjects, type: realm.userType, includePasswordHashes: includeHashes, kbaPropertyName })) {
        await writer.write(columns === undefined ? JSON.stringify(user) : csvLine(user, columns));
        count += 1;
      }
      ctx.err(`exported ${count.toLocaleString('en-US')} users of realm ${realm.name}${values.out === undefined ? '' : ` to ${values.out}`}${includeHashes ? ' with their password hashes' : ''}`);
      return 0;
    } finally {
      await writer.close();
      await store.close();
    }
  },
});
