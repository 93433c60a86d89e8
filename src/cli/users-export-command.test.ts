import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { FAST_ARGON2 } from '../identity/testing/identity-fixture.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import type { UsersCliFixture } from './users-cli-testing.ts';
import { usersCliFixture } from './users-cli-testing.ts';
import { usersExportCommand as command } from './users-export-command.ts';
import { createUsersImportCommand } from './users-import-command.ts';

const importCommand = createUsersImportCommand({ hasher: createPasswordHasher(FAST_ARGON2) });
const PEOPLE = [
  { userName: 'ex-ann', givenName: 'Ann', sn: 'Lee, "Jr."', mail: 'ann@example.com', description: 'two\nlines', preferences: { marketing: true, updates: false }, password: 'Secret-Passw0rd1' },
  { userName: 'ex-bob', givenName: 'Bob', sn: 'Ross', mail: 'bob@example.com', accountStatus: 'inactive', password: 'Other-Passw0rd2' },
];

describe('arbor users export', () => {
  let source: UsersCliFixture;
  before(async () => {
    source = await usersCliFixture();
    const file = await source.file('people.jsonl', PEOPLE.map((person) => JSON.stringify(person)).join('\n'));
    const cli = source.context();
    assert.equal(await importCommand.run([file], cli.ctx), 0, cli.out.join('\n'));
  });
  after(async () => source.remove());

  async function run(args: string[]) {
    const cli = source.context();
    const code = await command.run(args, cli.ctx);
    return { code, ...cli };
  }

  it('streams JSON Lines to stdout in _id order, without password hashes', async () => {
    const { code, out, err, opened, closed } = await run([]);
    assert.equal(code, 0);
    const users = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(users.map((user) => user.userName).sort(), ['ex-ann', 'ex-bob']);
    assert.deepEqual(users.map((user) => user._id), users.map((user) => String(user._id)).sort());
    assert.ok(users.every((user) => !('password' in user) && !('passwordHash' in user)));
    const ann = users.find((user) => user.userName === 'ex-ann');
    assert.deepEqual([ann?.sn, ann?.preferences, ann?.accountStatus], ['Lee, "Jr."', { marketing: true, updates: false }, 'active']);
    assert.deepEqual(err, ['exported 2 users of realm alpha']);
    assert.deepEqual([opened(), closed()], [1, 1]);
  });

  for (const format of ['jsonl', 'csv'] as const) {
    it(`writes ${format} with --include-password-hashes that re-imports into another Arbor, passwords included`, async () => {
      const out = join(source.dir, `export.${format}`);
      const exported = await run(['--format', format, '--out', out, '--include-password-hashes']);
      assert.equal(exported.code, 0);
      assert.deepEqual(exported.out, []);
      assert.deepEqual(exported.err, [`exported 2 users of realm alpha to ${out} with their password hashes`]);
      const text = await readFile(out, 'utf8');
      assert.match(text, format === 'jsonl' ? /"passwordHash":"\$argon2id\$/ : /,"\$argon2id\$/);

      const target = await usersCliFixture();
      try {
        const cli = target.context();
        assert.equal(await importCommand.run([await target.file(`in.${format}`, text)], cli.ctx), 0, cli.out.join('\n'));
        const [before, after] = [await source.openStore(), await target.openStore()];
        try {
          for (const person of PEOPLE) {
            const [original] = await before.managedObjects.findByAttribute('alpha_user', 'userName', person.userName);
            const [copy] = await after.managedObjects.findByAttribute('alpha_user', 'userName', person.userName);
            assert.equal(copy?.id, original?.id, 'ids are kept');
            assert.deepEqual(copy?.data, original?.data, 'every property and the hash');
          }
          const { identity } = identityForStore(after, { now: () => Date.now() });
          assert.equal((await identity.authenticate('alpha_user', 'ex-ann', 'Secret-Passw0rd1')).ok, true);
        } finally {
          await before.close();
          await after.close();
        }
      } finally {
        await target.remove();
      }
    });
  }

  it('exits 2 for usage errors and an unknown realm, and answers --help', async () => {
    for (const args of [['--format', 'xml'], ['--bogus'], ['--realm', ''], ['--out', ''], ['extra']]) {
      const { code, err, opened } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err[0] ?? '', /^arbor users export: /);
      assert.equal(opened(), 0);
    }
    const unknown = await run(['--realm', 'beta']);
    assert.deepEqual([unknown.code, unknown.err, unknown.closed()], [2, ['arbor users export: realm /beta does not exist (the realms are alpha (/alpha), root (/))'], 1]);
    const cased = await run(['--realm', 'ALPHA']);
    assert.deepEqual([cased.code, cased.out], [2, []]);
    assert.match(cased.err[0] ?? '', /realm \/ALPHA does not exist; realm names are case-sensitive: did you mean alpha\?/);
    const slashed = await run(['--realm', '/alpha']);
    assert.deepEqual([slashed.code, slashed.err], [0, ['exported 2 users of realm alpha']]);
    const help = await run(['--help']);
    assert.deepEqual([help.code, help.out], [0, [command.usage]]);
  });
});
