import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLockoutService } from '../identity/lockout-service.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import { userAddCommand } from './user-add-command.ts';
import { userUnlockCommand } from './user-unlock-command.ts';
import { usersCliFixture, type UsersCliFixture } from './users-cli-testing.ts';

describe('arbor user unlock', () => {
  let fixture: UsersCliFixture;
  before(async () => {
    fixture = await usersCliFixture();
    const cli = fixture.context();
    const added = await userAddCommand.run(['--username', 'bjensen', '--password', 'Ch4ngeit!', '--set', 'givenName=Babs', '--set', 'sn=Jensen', '--set', 'mail=bjensen@example.com'], cli.ctx);
    assert.equal(added, 0, cli.err.join('\n'));
  });
  after(async () => fixture.remove());

  async function run(args: string[]) {
    const cli = fixture.context();
    return { code: await userUnlockCommand.run(args, cli.ctx), ...cli };
  }

  /** Locks bjensen as five failed sign-ins would; resolves to the lockout service and the user's id. */
  async function lockBjensen() {
    const store = await fixture.openStore();
    try {
      const realm = await store.realms.get('alpha');
      assert.ok(realm !== undefined);
      const { identity } = identityForStore(store, { now: () => Date.now() });
      const [user] = await identity.findByAttribute('alpha_user', 'userName', 'bjensen', 1);
      assert.ok(user !== undefined);
      const lockout = createLockoutService({ identity, ephemeral: store.ephemeral, settingsFor: async () => realm.lockout });
      for (let attempt = 0; attempt < realm.lockout.failureCount; attempt++) await lockout.recordFailure('managed/alpha_user', user._id);
      assert.equal(await lockout.isLocked('managed/alpha_user', user._id), true);
    } finally {
      await store.close();
    }
  }

  it('ends the lockout of a user, in the shared store; says so when there was none', async () => {
    await lockBjensen();
    const unlocked = await run(['--realm', '/alpha', '--username', 'bjensen']);
    assert.deepEqual([unlocked.code, unlocked.out, unlocked.err, unlocked.closed()], [0, ['unlocked bjensen in realm alpha'], [], 1]);
    const again = await run(['--username', 'BJENSEN']);
    assert.deepEqual([again.code, again.out], [0, ['BJENSEN in realm alpha was not locked out']]);
  });

  it('refuses a missing --username, an unknown user and an unknown realm with exit 2', async () => {
    const missing = await run([]);
    assert.deepEqual([missing.code, missing.err[0], missing.opened()], [2, 'arbor user unlock: --username is required', 0]);
    const unknown = await run(['--username', 'nobody']);
    assert.deepEqual([unknown.code, unknown.err], [2, ['arbor user unlock: realm alpha has no user named nobody']]);
    const realm = await run(['--realm', 'beta', '--username', 'bjensen']);
    assert.equal(realm.code, 2);
    assert.match(realm.err[0] ?? '', /^arbor user unlock: realm \/beta does not exist/);
  });
});
