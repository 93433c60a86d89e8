import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityForStore } from '../platform/identity-for-store.ts';
import { createSessionService } from '../sessions/session-service.ts';
import { adminResetPasswordCommand } from './admin-reset-password-command.ts';
import { useUsersCliFixture } from './users-cli-testing.ts';

describe('arbor admin reset-password', () => {
  const fixture = useUsersCliFixture();
  const run = (args: string[]) => fixture().run(adminResetPasswordCommand, args);

  /** Whether `password` is amadmin's, whether amadmin is active, and whether `token` is still a live session. */
  async function adminState(password: string, token?: string) {
    const store = await fixture().openStore();
    try {
      const clock = { now: () => Date.now() };
      const { identity } = identityForStore(store, clock);
      const [admin] = await identity.findByAttribute('user', 'userName', 'amadmin', 1);
      assert.ok(admin !== undefined);
      const sessions = createSessionService({ ephemeral: store.ephemeral, clock });
      return {
        password: await identity.verifyPassword('user', admin._id, password),
        status: admin.attributes.accountStatus,
        session: token === undefined ? undefined : (await sessions.validate(token)) !== undefined,
        id: admin._id,
      };
    } finally {
      await store.close();
    }
  }

  it('sets a generated password, printed once, reactivates the administrator and ends its sessions', async () => {
    const store = await fixture().openStore();
    let token: string;
    try {
      const clock = { now: () => Date.now() };
      const { identity } = identityForStore(store, clock);
      const [admin] = await identity.findByAttribute('user', 'userName', 'amadmin', 1);
      assert.ok(admin !== undefined);
      await identity.setAccountStatus('user', admin._id, 'inactive');
      const realm = await store.realms.get('root');
      assert.ok(realm !== undefined);
      ({ tokenId: token } = await createSessionService({ ephemeral: store.ephemeral, clock }).create({ realm: 'root', userId: admin._id, username: 'amadmin', userType: 'user', authLevel: 0, tree: 'Login', properties: {} }, realm.sessions));
    } finally {
      await store.close();
    }
    assert.equal((await adminState('Admin-Passw0rd!', token)).session, true);
    const reset = await run([]);
    assert.equal(reset.code, 0, reset.err.join('\n'));
    const generated = /^Generated password for amadmin \(shown once, keep it\): (\S+)$/.exec(reset.out[0] ?? '')?.[1];
    assert.ok(generated !== undefined, reset.out.join('\n'));
    assert.equal(reset.out[1], 'reset the password of amadmin in realm root; its lockout and its sessions ended');
    assert.deepEqual(await adminState(generated, token), { ...(await adminState(generated)), password: true, status: 'active', session: false });
    assert.equal((await adminState('Admin-Passw0rd!')).password, false);
  });

  it('sets the password given; refuses one the policy refuses (exit 1) and an empty one (exit 2), changing nothing', async () => {
    const given = await run(['--password', 'Chosen-Passw0rd']);
    assert.deepEqual([given.code, given.out], [0, ['reset the password of amadmin in realm root; its lockout and its sessions ended']]);
    assert.equal((await adminState('Chosen-Passw0rd')).password, true);
    const weak = await run(['--password', 'weak']);
    assert.equal(weak.code, 1);
    assert.match(weak.err[0] ?? '', /^arbor admin reset-password: the password does not meet the root realm's password policy: password: MIN_LENGTH \{"minLength":8\}/);
    const empty = await run(['--password', '']);
    assert.deepEqual([empty.code, empty.err[0], empty.opened()], [2, 'arbor admin reset-password: --password must not be empty (leave it out to have one generated)', 0]);
    assert.equal((await adminState('Chosen-Passw0rd')).password, true);
  });
});
