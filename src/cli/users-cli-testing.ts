/**
 * Test helpers for the `users` commands: a real SQLite store in a temporary data directory
 * (bootstrapped as `arbor start` would), a `CliContext` over it that records what the command
 * prints and how often it opens and closes the store.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerSettings } from '../config/server-settings.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import type { Store } from '../store/store.ts';
import type { CliContext } from './command.ts';

/** A data directory with a store, and a way to run commands against it. */
export interface UsersCliFixture {
  dir: string;
  /** Writes `content` to a file in the data directory; resolves to its path. */
  file(name: string, content: string): Promise<string>;
  /** A context whose `out`/`err` lines are recorded. */
  context(): { ctx: CliContext; out: string[]; err: string[]; opened: () => number; closed: () => number };
  /** Opens the store for assertions (close it after). */
  openStore(): Promise<Store>;
  remove(): Promise<void>;
}

/** Makes a fresh data directory; the store is created (and bootstrapped) on first open. */
export async function usersCliFixture(): Promise<UsersCliFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'arbor-users-cli-'));
  const env = { ARBOR_DATA_DIR: dir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' };
  const settings = loadServerSettings(env, dir);
  const openStore = () => openPlatformStore(settings, () => undefined);
  return {
    dir,
    openStore,
    async file(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    context() {
      const out: string[] = [];
      const err: string[] = [];
      let opened = 0;
      let closed = 0;
      const ctx: CliContext = {
        env,
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        async openStore() {
          opened += 1;
          const store = await openStore();
          const close = store.close.bind(store);
          store.close = async () => {
            closed += 1;
            await close();
          };
          return store;
        },
      };
      return { ctx, out, err, opened: () => opened, closed: () => closed };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
