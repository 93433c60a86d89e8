import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { identityForStore } from '../platform/identity-for-store.ts';
import { openStore } from '../store/open-store.ts';
import { backupCommand as command } from './backup-command.ts';
import type { CliContext } from './command.ts';
import { usersCliFixture, type UsersCliFixture } from './users-cli-testing.ts';

const clock = { now: () => Date.now() };

async function addUser(fixture: UsersCliFixture, userName: string): Promise<void> {
  const store = await fixture.openStore();
  try {
    const { identity } = identityForStore(store, clock);
    await identity.createUser('alpha_user', { userName, givenName: 'Test', sn: 'User', mail: `${userName}@example.com`, password: 'Secret-Passw0rd1' });
  } finally {
    await store.close();
  }
}

describe('arbor backup', () => {
  let fixture: UsersCliFixture;
  /** A directory apart from the data directory (the fixture's). */
  let outside: string;
  let umask: number;
  before(async () => {
    outside = await mkdtemp(join(tmpdir(), 'arbor-backup-'));
    // A permissive umask, as in most shells: the backup must be private anyway.
    umask = process.umask(0o022);
    fixture = await usersCliFixture();
    await addUser(fixture, 'before-backup');
  });
  after(async () => {
    process.umask(umask);
    await fixture.remove();
    await rm(outside, { recursive: true, force: true });
  });

  async function run(args: string[], env: Record<string, string> = {}) {
    const base = fixture.context();
    const ctx: CliContext = { ...base.ctx, env: { ...base.ctx.env, ...env } };
    const code = await command.run(args, ctx);
    return { code, out: base.out, err: base.err };
  }

  it('writes a consistent copy with mode 0600 while the store is in use, and it restores', async () => {
    const backups = join(outside, 'backups');
    await mkdir(backups, { recursive: true });
    const target = join(backups, 'arbor.db');
    const store = await fixture.openStore();
    try {
      // Writes in flight during the backup (another connection, as the running server's).
      const { identity } = identityForStore(store, clock);
      const writes = Promise.all([1, 2, 3].map((n) => identity.createUser('alpha_user', { userName: `during-${n}`, givenName: 'T', sn: 'U', mail: `during-${n}@example.com` })));
      const { code, out, err } = await run([target]);
      await writes;
      assert.equal(code, 0, err.join('\n'));
      assert.match(out[0] ?? '', new RegExp(`^wrote a backup of ${join(fixture.dir, 'arbor.db').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} to ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KiB, mode 0600\\)$`));
      assert.deepEqual(err, [`the master key is not in the backup: keep a copy of ${join(fixture.dir, 'master.key')} too, apart from it`]);
    } finally {
      await store.close();
    }
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(backups), ['arbor.db'], 'no temporary or journal file is left');
    const copy = new DatabaseSync(target, { readOnly: true });
    try {
      assert.deepEqual({ ...copy.prepare('PRAGMA journal_mode').get() }, { journal_mode: 'delete' });
      assert.deepEqual({ ...copy.prepare('PRAGMA integrity_check').get() }, { integrity_check: 'ok' });
    } finally {
      copy.close();
    }
    // Restore: the copy, named arbor.db in a data directory, is a working store.
    const restored = await openStore({ dataDir: backups, clock });
    try {
      const { identity } = identityForStore(restored, clock);
      const names = (await identity.listUsers('alpha_user', { limit: 100, offset: 0 })).items.map((user) => user.attributes.userName);
      assert.ok(names.includes('before-backup'), names.join(','));
    } finally {
      await restored.close();
    }
  });

  it('refuses to replace an existing file unless --force, which leaves it private', async () => {
    const target = join(outside, 'existing.db');
    await writeFile(target, 'keep me');
    await chmod(target, 0o644);
    const refused = await run([target]);
    assert.deepEqual([refused.code, refused.out, refused.err], [2, [], [`arbor backup: ${target} exists: pass --force to replace it`]]);
    assert.equal(await readFile(target, 'utf8'), 'keep me');
    const forced = await run([target, '--force']);
    assert.equal(forced.code, 0, forced.err.join('\n'));
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    assert.notEqual(await readFile(target, 'utf8'), 'keep me');
  });

  it('warns when the backup lands in the data directory or in a git work tree', async () => {
    const inData = await run([join(fixture.dir, 'copy.db')]);
    assert.equal(inData.code, 0);
    assert.match(inData.err[0] ?? '', /^warning: the backup is inside the data directory .*: a backup belongs on another disk or machine$/);
    const checkout = join(outside, 'checkout');
    await mkdir(join(checkout, '.git'), { recursive: true });
    const inGit = await run([join(checkout, 'arbor-backup.db')]);
    assert.equal(inGit.code, 0);
    assert.ok(inGit.err.includes(`warning: the backup is inside the git work tree ${checkout}: make sure it is never committed (move it out, or list it in .gitignore)`), inGit.err.join('\n'));
  });

  it('on PostgreSQL, exits 2 naming pg_dump, without connecting', async () => {
    const { code, out, err } = await run([join(outside, 'pg.db')], { ARBOR_DATABASE_URL: 'postgres://arbor:secret@127.0.0.1:1/arbor' });
    assert.deepEqual([code, out], [2, []]);
    assert.equal(
      err[0],
      'arbor backup: the store is PostgreSQL (ARBOR_DATABASE_URL): back it up with pg_dump, e.g. (umask 077 && pg_dump --format=custom --file=arbor.dump "$ARBOR_DATABASE_URL"); see docs/operations.md#backups',
    );
    await assert.rejects(stat(join(outside, 'pg.db')));
  });

  it('exits 1 when there is no database, creating nothing', async () => {
    const empty = join(outside, 'empty-data');
    await mkdir(empty);
    const { code, err } = await run([join(outside, 'none.db')], { ARBOR_DATA_DIR: empty });
    assert.deepEqual([code, err], [1, [`arbor backup: there is no database at ${join(empty, 'arbor.db')} to back up (check ARBOR_DATA_DIR)`]]);
    assert.deepEqual(await readdir(empty), []);
    await assert.rejects(stat(join(outside, 'none.db')));
  });
});
