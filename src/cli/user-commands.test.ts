import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userAddCommand } from './user-add-command.ts';
import { userListCommand } from './user-list-command.ts';
import { usersCliFixture, type UsersCliFixture } from './users-cli-testing.ts';

const PROFILE = ['--set', 'givenName=Babs', '--set', 'sn=Jensen', '--set', 'mail=bjensen@example.com'];

describe('arbor user add and user list', () => {
  let fixture: UsersCliFixture;
  before(async () => {
    fixture = await usersCliFixture();
  });
  after(async () => fixture.remove());

  async function run(command: typeof userAddCommand, args: string[]) {
    const cli = fixture.context();
    const code = await command.run(args, cli.ctx);
    return { code, ...cli };
  }

  it('creates a user in the realm named as the server names it (/alpha), and lists it', async () => {
    const added = await run(userAddCommand, ['--realm', '/alpha', '--username', 'bjensen', '--password', 'Ch4ngeit!', ...PROFILE]);
    assert.equal(added.code, 0, added.err.join('\n'));
    assert.match(added.out[0] ?? '', /^created bjensen in realm alpha \(_id [0-9a-f-]{36}\)$/);
    const listed = await run(userListCommand, ['--realm', 'root/alpha']);
    assert.equal(listed.code, 0);
    assert.match(listed.out.join('\n'), /\tbjensen\tbjensen@example\.com\tactive$/);
    assert.deepEqual(listed.err, ['1 of 1 users in realm alpha']);
  });

  it('refuses a realm that does not exist, naming the realms that do, exit 2, creating nothing', async () => {
    for (const [realm, shown] of [['nosuch', '/nosuch'], ['Alpha', '/Alpha']] as const) {
      const added = await run(userAddCommand, ['--realm', realm, '--username', 'ghost', '--password', 'Ch4ngeit!', ...PROFILE]);
      assert.equal(added.code, 2, realm);
      assert.deepEqual(added.out, []);
      assert.match(added.err[0] ?? '', new RegExp(`^arbor user add: realm ${shown} does not exist.*\\(the realms are alpha \\(/alpha\\), root \\(/\\)\\)$`));
      assert.equal(added.closed(), 1);
      const listed = await run(userListCommand, ['--realm', realm]);
      assert.equal(listed.code, 2, realm);
      assert.match(listed.err[0] ?? '', new RegExp(`^arbor user list: realm ${shown} does not exist`));
    }
    assert.match((await run(userAddCommand, ['--realm', 'Alpha', '--username', 'ghost'])).err[0] ?? '', /realm names are case-sensitive: did you mean alpha\?/);
    assert.deepEqual((await run(userListCommand, ['--json'])).out.filter((line) => line.includes('ghost')), []);
  });

  it('reports a bad attribute in one line, exit 2, and a policy refusal, exit 1', async () => {
    const unknown = await run(userAddCommand, ['--username', 'x1', '--set', 'shoeSize=42']);
    assert.deepEqual([unknown.code, unknown.err], [2, ['arbor user add: attribute shoeSize is not in the schema']]);
    const refused = await run(userAddCommand, ['--username', 'bjensen', '--password', 'Ch4ngeit!', ...PROFILE]);
    assert.equal(refused.code, 1);
    assert.match(refused.err[0] ?? '', /^arbor user add: policy validation failed: .*"UNIQUE"/);
    assert.equal(refused.err.length, 1);
  });

  it('checks --limit and --offset in words before opening the store', async () => {
    const negative = await run(userListCommand, ['--offset', '-1']);
    assert.deepEqual([negative.code, negative.err[0], negative.opened()], [2, 'arbor user list: --offset must be an integer 0 or more, got "-1"', 0]);
    const paged = await run(userListCommand, ['--offset', '1', '--limit', '5']);
    assert.deepEqual([paged.code, paged.out, paged.err], [0, [], ['0 of 1 users in realm alpha']]);
  });
});
