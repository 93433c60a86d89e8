/**
 * `arbor users export [--realm alpha] [--format jsonl|csv] [--out file] [--include-password-hashes]`:
 * streams a realm's users as JSON Lines or CSV that `arbor users import` reads back.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { exportUsers } from '../identity/bulk/export-users.ts';
import { csvExportColumns, csvLine } from '../identity/bulk/csv-line.ts';
import { schemaForType } from '../identity/schema-for-type.ts';
import type { CliCommand, CliContext } from './command.ts';

const USAGE = `Usage: arbor users export [--realm alpha] [--format jsonl|csv] [--out file] [--include-password-hashes]

Writes the users of a realm in _id order, as JSON Lines (default: every stored property) or CSV
(a header row, then one user per row; the schema's properties, nested ones as preferences/marketing).
Password hashes and security answers are left out unless --include-password-hashes is given; then
the hashes are written as "passwordHash" and the answers (kbaInfo) in their stored, hashed form, so
that the output re-imports with \`arbor users import\` and the users keep their passwords and
answers. Treat such a file as a secret.

Options:
  --realm <name>               realm to export (default: alpha)
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

function fail(ctx: CliContext, message: string, usage = true): number {
  ctx.err(`arbor users export: ${message}`);
  if (usage) ctx.err(USAGE);
  return 2;
}

/** `arbor users export`. */
export const usersExportCommand: CliCommand = {
  path: ['users', 'export'],
  summary: 'Export users as JSON Lines or CSV (without password hashes unless asked)',
  usage: USAGE,
  async run(args, ctx) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { realm: { type: 'string', default: 'alpha' }, format: { type: 'string', default: 'jsonl' }, out: { type: 'string' }, 'include-password-hashes': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
        strict: true,
      }));
    } catch (error) {
      return fail(ctx, error instanceof Error ? error.message : String(error));
    }
    if (values.help === true) {
      ctx.out(USAGE);
      return 0;
    }
    const format = values.format;
    if (format !== 'jsonl' && format !== 'csv') return fail(ctx, `--format must be jsonl or csv, not "${format}"`);
    if (values.realm === '' || values.out === '') return fail(ctx, values.realm === '' ? '--realm needs a realm name' : '--out needs a file name');
    const includeHashes = values['include-password-hashes'];

    const store = await ctx.openStore();
    let writer: { write(line: string): Promise<void>; close(): Promise<void> } = { write: async (line) => ctx.out(line), close: async () => undefined };
    let count = 0;
    try {
      const realm = await store.realms.get(values.realm);
      if (realm === undefined) return fail(ctx, `realm "${values.realm}" does not exist`, false);
      const columns = format === 'csv' ? csvExportColumns((await schemaForType(store.configs, realm.userType)).schema, includeHashes) : undefined;
      if (values.out !== undefined) {
        try {
          writer = await fileWriter(values.out);
        } catch (error) {
          return fail(ctx, `${values.out}: cannot be written: ${error instanceof Error ? error.message : String(error)}`, false);
        }
      }
      if (columns !== undefined) await writer.write(columns.join(','));
      for await (const user of exportUsers({ objects: store.managedObjects, type: realm.userType, includePasswordHashes: includeHashes })) {
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
};
