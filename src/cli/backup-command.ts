/**
 * `arbor backup <file> [--force]`: an online, consistent backup of the embedded SQLite database,
 * written with mode 0600 (it holds password hashes and the SMTP password). Warns when the file
 * lands where it may be lost or shared (the data directory, a git work tree, a directory others
 * may write). On PostgreSQL it refuses (exit 2) and names the `pg_dump` command to use instead.
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { loadServerSettings } from '../config/server-settings.ts';
import { MASTER_KEY_FILE } from '../secrets/master-key.ts';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite-store.ts';
import { backupSqliteDatabase } from './backup-sqlite-database.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

const usage = `Usage: arbor backup <file> [--force]

Writes an online, consistent copy of the embedded SQLite database (<ARBOR_DATA_DIR>/arbor.db)
to <file>, readable by your user only (mode 0600), while Arbor runs. The copy holds password
hashes, security answers and the SMTP password: keep it private. The master key is not in it:
back up <ARBOR_DATA_DIR>/master.key (or ARBOR_MASTER_KEY) separately. With PostgreSQL
(ARBOR_DATABASE_URL) use pg_dump instead (see docs/operations.md#backups).

Options:
  --force     replace <file> if it exists
  -h, --help  show this help

Exit status: 0 written, 1 failure (no database, unwritable directory), 2 usage error,
<file> exists (without --force), or a PostgreSQL store.`;

function inside(directory: string, path: string): boolean {
  const rel = relative(directory, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The root of the git work tree holding `directory`, if any. */
async function gitWorkTreeOf(directory: string): Promise<string | undefined> {
  let current = directory;
  for (;;) {
    try {
      await stat(join(current, '.git'));
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

/** Warnings about where the backup lands. */
async function placeWarnings(target: string, dataDir: string): Promise<string[]> {
  const warnings: string[] = [];
  const directory = dirname(target);
  if (inside(dataDir, target)) warnings.push(`the backup is inside the data directory ${dataDir}: a backup belongs on another disk or machine`);
  const workTree = await gitWorkTreeOf(directory);
  if (workTree !== undefined) warnings.push(`the backup is inside the git work tree ${workTree}: make sure it is never committed (move it out, or list it in .gitignore)`);
  const mode = (await stat(directory)).mode;
  if ((mode & 0o002) !== 0 && (mode & 0o1000) === 0) warnings.push(`${directory} is writable by every user: someone else could replace or delete the backup`);
  return warnings;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The `backup` command. */
export const backupCommand: CliCommand = defineCommand({
  path: ['backup'],
  summary: 'Back up the SQLite database to a private file (PostgreSQL: pg_dump)',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs({ args, options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const [file, ...extra] = positionals;
    if (file === undefined || file === '') throw usageError('name the backup file');
    if (extra.length > 0) throw usageError(`name one backup file, got ${positionals.length}`);
    const settings = loadServerSettings(ctx.env, process.cwd());
    if (settings.databaseUrl !== undefined) {
      throw cliError(
        'REFUSED',
        'the store is PostgreSQL (ARBOR_DATABASE_URL): back it up with pg_dump, e.g. (umask 077 && pg_dump --format=custom --file=arbor.dump "$ARBOR_DATABASE_URL"); see docs/operations.md#backups',
        2,
      );
    }
    const source = join(settings.dataDir, SQLITE_FILE_NAME);
    const target = resolve(process.cwd(), file);
    const written = await backupSqliteDatabase({ source, target, force: values.force });
    ctx.out(`wrote a backup of ${source} to ${written.target} (${size(written.bytes)}, mode 0600)`);
    for (const warning of await placeWarnings(target, settings.dataDir)) ctx.err(`warning: ${warning}`);
    if (!settings.masterKeyFromEnv) ctx.err(`the master key is not in the backup: keep a copy of ${join(settings.dataDir, MASTER_KEY_FILE)} too, apart from it`);
    return 0;
  },
});
