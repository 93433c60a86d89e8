/**
 * Reading and writing the directory model on disk. Writing replaces the directory's layout files
 * (files of the layout that the model no longer has are removed, nothing else is touched); reading
 * takes every regular file under the directory (at most 10,000 files of at most 5 MiB each), so that
 * a stray file is reported, never silently ignored. Nothing leads outside the directory: a symbolic
 * link (or any entry that is neither a file nor a directory) is refused when reading, and a write
 * refuses a path with an empty, `.` or `..` segment and one that passes through a symbolic link.
 */
import { lstat, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ConfigFiles } from './config-files.ts';

const MAX_FILES = 10_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

async function walk(root: string, dir: string, found: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const name = relative(root, path).split(sep).join('/');
    if (entry.isDirectory()) await walk(root, path, found);
    else if (entry.isFile()) found.push(name);
    else throw new Error(`${name}: ${entry.isSymbolicLink() ? 'is a symbolic link' : 'is not a regular file'}: refused`);
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

/** `path` under `dir`; throws when a segment is empty, `.` or `..`, or an existing part of it is a symbolic link. */
async function insidePath(dir: string, path: string): Promise<string> {
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\\'))) throw new Error(`${path}: is not a path inside the directory`);
  let part = dir;
  for (const segment of segments) {
    part = join(part, segment);
    const found = await lstat(part).catch(() => undefined);
    if (found === undefined) break;
    if (found.isSymbolicLink()) throw new Error(`${path}: passes through a symbolic link: refused`);
  }
  return join(dir, ...segments);
}

/** Writes `files` under `dir`, removing the files of `previous` (what the directory held) that `files` lacks. */
export async function writeConfigDirectory(dir: string, files: ConfigFiles, previous: ConfigFiles = new Map()): Promise<void> {
  for (const path of [...previous.keys(), ...files.keys()]) await insidePath(dir, path);
  for (const path of previous.keys()) if (!files.has(path)) await rm(await insidePath(dir, path), { force: true });
  for (const [path, text] of files) {
    const full = await insidePath(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text, 'utf8');
  }
}
