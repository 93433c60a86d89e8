/**
 * The admin app as the browser tests need it: built once from the current sources, whichever test
 * file asks first. Test files run in parallel processes and Vite empties `dist/admin/` before it
 * writes, so a build is made under a lock (a directory created atomically) and only when the
 * sources changed since the build there (a hash of `src/admin-app/` and of the files it imports from
 * elsewhere in `src/`, kept beside it).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';
import { ADMIN_APP_DIR } from '../../src/http/admin-app-route.ts';

const SOURCE_DIR = path.join(import.meta.dirname, '..', '..', 'src', 'admin-app');
const VITE_CONFIG = path.join(SOURCE_DIR, 'vite.config.ts');
const LOCK = path.join(ADMIN_APP_DIR, '..', '.admin-build-lock');
const STAMP = path.join(ADMIN_APP_DIR, '.source-hash');

const RELATIVE_IMPORT = /(?:from\s+|import\()\s*'(\.{1,2}\/[^']+)'/g;

/** The app's files, and the files outside `src/admin-app/` they import (shared rules such as a scope check), transitively. */
async function sourceFiles(): Promise<string[]> {
  const own = (await readdir(SOURCE_DIR, { recursive: true })).filter((file) => !file.endsWith('.test.ts')).map((file) => path.join(SOURCE_DIR, file));
  const found = new Set<string>();
  const pending = [...own];
  while (pending.length > 0) {
    const file = pending.pop();
    if (file === undefined || found.has(file) || !(await stat(file).catch(() => undefined))?.isFile()) continue;
    found.add(file);
    if (!/\.(ts|tsx|js)$/.test(file)) continue;
    for (const match of (await readFile(file, 'utf8')).matchAll(RELATIVE_IMPORT)) {
      const target = match[1];
      if (target !== undefined) pending.push(path.resolve(path.dirname(file), target));
    }
  }
  return [...found].sort();
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await sourceFiles()) hash.update(path.relative(SOURCE_DIR, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

async function acquire(): Promise<void> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      await mkdir(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run is taken over after two minutes.
      const age = Date.now() - (await stat(LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 120_000) await rm(LOCK, { recursive: true, force: true });
      if (waited > 180_000) throw new Error('the admin app build lock was never released');
      await sleep(200);
    }
  }
}

/** Builds the admin app into `dist/admin/` unless the build there is of the current sources. */
export async function ensureAdminAppBuilt(): Promise<void> {
  const wanted = await sourceHash();
  await acquire();
  try {
    if ((await readFile(STAMP, 'utf8').catch(() => '')) === wanted) return;
    await build({ configFile: VITE_CONFIG, logLevel: 'error' });
    await writeFile(STAMP, wanted);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
