/**
 * The admin app as the browser tests need it: built once from the current sources, whichever test
 * file asks first. Test files run in parallel processes and Vite empties `dist/admin/` before it
 * writes, so a build is made under a lock (a directory created atomically) and only when the
 * sources changed since the build there (a hash of `src/admin-app/` kept beside it).
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

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(SOURCE_DIR, { recursive: true })).filter((file) => !file.endsWith('.test.ts')).sort();
  for (const file of files) {
    const full = path.join(SOURCE_DIR, file);
    if (!(await stat(full)).isFile()) continue;
    hash.update(file).update('\0').update(await readFile(full)).update('\0');
  }
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
