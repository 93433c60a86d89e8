/**
 * Test helpers for the `users` commands: a real SQLite store in a temporary data directory
 * (bootstrapped as `arbor start` would), a `CliContext` over it that records what the command
 * prints and how often it opens and closes the store, and a command run in such a context.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { loadServerSettings } from '../config/server-settings.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import type { Store } from '../store/store.ts';
import type { CliCommand, CliContext } from './command.ts';

/** A context whose `out`/`err` lines are recorded, with how often the store was opened and closed through it. */
export interface RecordingContext {
  ctx: CliContext;
  out: string[];
  err: string[];
  opened: () => number;
  closed: () => number;
}

/** A data directory with a store, and a way to run commands against it. */
export interface UsersCliFixture {
  dir: string;
  /** Writes `content` to a file in the data directory; resolves to its path. */
  file(name: string, content: string): Promise<string>;
  /** A context whose `out`/`err` lines are recorded. */
  context(): RecordingContext;
  /** Runs `command` with `args` in a fresh context; resolves to its exit code and what the context recorded. */
  run(command: CliCommand, args: string[]): Promise<RecordingContext & { code: number }>;
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
  const context = (): RecordingContext => {
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
  };
  return {
    dir,
    openStore,
    async file(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    context,
    async run(command, args) {
      const cli = context();
      return { code: await command.run(args, cli.ctx), ...cli };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The fixture of the tests of the enclosing `describe`: made before them, removed after them. */
export function useUsersCliFixture(): () => UsersCliFixture {
  let fixture: UsersCliFixture | undefined;
  before(async () => {
    fixture = await usersCliFixture();
  });
  after(async () => fixture?.remove());
  return () => {
    if (fixture === undefined) throw new Error('the users CLI fixture is made before the tests');
    return fixture;
  };
}

/**
 * Asserts that each argument line of `expected` is a usage error of `command` — exit 2, the store
 * never opened, nothing on standard output, the message, a blank line and the usage on standard
 * error — and that `helpFlag` (`--help`, `-h`) prints the usage and exits 0.
 */
export async function assertUsageErrors(fixture: UsersCliFixture, command: CliCommand, expected: Readonly<Record<string, string>>, helpFlag = '--help'): Promise<void> {
  for (const [line, message] of Object.entries(expected)) {
    const run = await fixture.run(command, line === '' ? [] : line.split(' '));
    assert.equal(run.code, 2, line);
    assert.equal(run.opened(), 0, line);
    assert.deepEqual(run.out, [], line);
    assert.deepEqual(run.err, [message, '', command.usage], line);
  }
  const help = await fixture.run(command, [helpFlag]);
  assert.deepEqual([help.code, help.out, help.err, help.opened()], [0, [command.usage], [], 0]);
}
