/**
 * An online, consistent copy of a SQLite database, private to its owner: SQLite's backup API
 * (`node:sqlite` `backup`) copies every page in one step from a read-only connection, so the
 * copy is one snapshot even while Arbor writes (WAL mode lets it go on). The copy goes into a
 * temporary file created with mode 0600 next to the target, is checked (`PRAGMA quick_check`),
 * switched to a single file (`journal_mode=DELETE`), and only then linked into place: an existing
 * target is never touched unless `force`, and a failure leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { errorCodeOf } from '../store/store-connection-error.ts';
import { cliError } from './cli-error.ts';

/** What was written. */
export interface SqliteBackup {
  target: string;
  bytes: number;
  pages: number;
}

/** All the pages in one step: a restart by a concurrent writer cannot happen mid-copy. */
const ALL_PAGES = 2 ** 31 - 1;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errorCodeOf(error) === 'ENOENT') return false;
    throw error;
  }
}

async function removeWithCompanions(path: string): Promise<void> {
  await Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => rm(`${path}${suffix}`, { force: true })));
}

/** Copies `source` into a checked copy at `temporary` (which exists, empty, mode 0600). */
async function copyInto(source: string, temporary: string): Promise<number> {
  const from = new DatabaseSync(source, { readOnly: true, timeout: 5000 });
  let pages: number;
  try {
    pages = await backup(from, temporary, { rate: ALL_PAGES });
  } finally {
    from.close();
  }
  const copy = new DatabaseSync(temporary, { timeout: 5000 });
  try {
    const check = copy.prepare('PRAGMA quick_check').get();
    if (check?.quick_check !== 'ok') throw new Error(`the copy does not pass PRAGMA quick_check: ${JSON.stringify(check)}`);
    copy.exec('PRAGMA journal_mode=DELETE');
  } finally {
    copy.close();
  }
  return pages;
}

/** Puts `temporary` at `target`: a hard link that fails if the target appeared, or a rename with `force`. */
async function moveIntoPlace(temporary: string, target: string, force: boolean): Promise<void> {
  if (force) {
    await rename(temporary, target);
    return;
  }
  try {
    await link(temporary, target);
  } catch (error) {
    if (errorCodeOf(error) === 'EEXIST') throw cliError('REFUSED', `${target} exists: pass --force to replace it`, 2);
    // A file system without hard links: the check below and a rename instead.
    if (await exists(target)) throw cliError('REFUSED', `${target} exists: pass --force to replace it`, 2);
    await rename(temporary, target);
    return;
  }
  await rm(temporary, { force: true });
}

/** Backs `source` up to `target` (absolute paths); see the file comment. */
export async function backupSqliteDatabase(options: { source: string; target: string; force: boolean }): Promise<SqliteBackup> {
  const { source, target, force } = options;
  if (!(await exists(source))) throw cliError('REFUSED', `there is no database at ${source} to back up (check ARBOR_DATA_DIR)`, 1);
  if (source === target) throw cliError('REFUSED', 'the backup cannot replace the database itself', 2);
  if (await exists(target)) {
    if ((await stat(target)).isDirectory()) throw cliError('REFUSED', `${target} is a directory: name the backup file`, 2);
    if (!force) throw cliError('REFUSED', `${target} exists: pass --force to replace it`, 2);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    await handle.close();
  } catch (error) {
    throw cliError('REFUSED', `cannot write in ${dirname(target)}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  try {
    await chmod(temporary, 0o600);
    const pages = await copyInto(source, temporary);
    await moveIntoPlace(temporary, target, force);
    return { target, bytes: (await stat(target)).size, pages };
  } finally {
    await removeWithCompanions(temporary);
  }
}
