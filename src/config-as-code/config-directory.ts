/**
 * Reading and writing the directory model on disk. Writing replaces the directory's layout files
 * (files of the layout that the model no longer has are removed, nothing else is touched); reading
 * takes every regular file under the directory (at most 10,000 files of at most 5 MiB each), so that
 * a stray file is reported, never silently ignored.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ConfigFiles } from './config-files.ts';

const MAX_FILES = 10_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

async function walk(root: string, dir: string, found: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, path, found);
    else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'));
    if (found.length > MAX_FILES) throw new Error(`${root}: more than ${MAX_FILES} files`);
  }
}

/** Every file under `dir`, by relative path; throws when the directory cannot be read or a file is too large. */
export async function readConfigDirectory(dir: string): Promise<ConfigFiles> {
  const paths: string[] = [];
  await walk(dir, dir, paths);
  const files: ConfigFiles = new Map();
  for (const path of paths.sort()) {
    const full = join(dir, ...path.split('/'));
    if ((await stat(full)).size > MAX_FILE_BYTES) throw new Error(`${path}: larger than ${MAX_FILE_BYTES} bytes`);
    files.set(path, await readFile(full, 'utf8'));
  }
  return files;
}

/** Writes `files` under `dir`, removing the files of `previous` (what the directory held) that `files` lacks. */
export async function writeConfigDirectory(dir: string, files: ConfigFiles, previous: ConfigFiles = new Map()): Promise<void> {
  for (const path of previous.keys()) if (!files.has(path)) await rm(join(dir, ...path.split('/')), { force: true });
  for (const [path, text] of files) {
    const full = join(dir, ...path.split('/'));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text, 'utf8');
  }
}
