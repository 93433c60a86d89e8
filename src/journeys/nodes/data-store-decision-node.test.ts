import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestOptions, NodeTestServices, SeedUser } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { dataStoreDecisionNode, LOCKED_OUT_MESSAGE, lockoutWarning } from './data-store-decision-node.ts';

const RESOURCE = 'managed/alpha_user';
const bob: SeedUser = { _id: 'u1', attributes: { userName: 'bob', givenName: 'Bob', sn: 'Smith', mail: 'bob@example.com' }, password: 'Secret12!' };

function services(options: NodeTestOptions = {}): Promise<NodeTestServices> {
  return nodeTestServices({ users: [bob], ...options });
}

function credentials(username: unknown, password: unknown) {
  return { shared: { username }, transient: { password } };
}

describe('DataStoreDecisionNode', () => {
  it('goes to true for the right password and identifies the user by id and stored userName', async () => {
    const t = await services();
    const { action, state } = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('BOB', 'Secret12!') });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(state.shared, { username: 'bob', _id: 'u1', 'arbor.amr': ['pwd'] }, 'the password is recorded as how the user was authenticated');
    assert.deepEqual(t.callNames(), ['credentials.checkPassword'], 'one check, through the credential guard');
    assert.deepEqual(t.calls[0]?.args.slice(0, 3), [RESOURCE, 'BOB', 'Secret12!']);
  });

  it('goes to false for a wrong password and counts the failure: the realm’s fifth one locks the account', async () => {
    const t = await services();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const { action, state } = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
      assert.deepEqual(action, goTo('false'), `attempt ${attempt}: no warning by default`);
      assert.deepEqual(state.shared, { username: 'bob' });
    }
    assert.equal(await t.services.lockout.isLocked(RESOURCE, 'u1'), false);
    const fifth = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    assert.deepEqual(fifth.action, goTo('false', { errorMessage: LOCKED_OUT_MESSAGE }));
    assert.equal(await t.services.lockout.isLocked(RESOURCE, 'u1'), true);
  });

  it('warns with the remaining attempts when the realm warns, then reports the lockout until it ends', async () => {
    const t = await services({ lockout: { failureCount: 3, warnUserCount: 1, durationMinutes: 15 } });
    const first = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    assert.deepEqual(first.action, goTo('false', { errorMessage: lockoutWarning(2) }));
    assert.equal(lockoutWarning(2), 'Warning: You will be locked out after 2 more failure(s).');
    const second = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    assert.deepEqual(second.action, goTo('false', { errorMessage: lockoutWarning(1) }));
    const third = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    assert.deepEqual(third.action, goTo('false', { errorMessage: 'User Locked Out.' }));
    const rightButLocked = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'Secret12!') });
    assert.deepEqual(rightButLocked.action, goTo('false', { errorMessage: LOCKED_OUT_MESSAGE }), 'the right password does not open a locked account');
    t.clock.advance(15 * 60_000);
    assert.deepEqual((await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'Secret12!') })).action, goTo('true'), 'the lockout ends after its duration');
  });

  it('an inactive account answers “User Locked Out.” only to its right password; a wrong one answers as for anyone', async () => {
    const t = await services({ users: [{ ...bob, attributes: { ...bob.attributes, accountStatus: 'inactive' } }] });
    const right = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'Secret12!') });
    assert.deepEqual(right.action, goTo('false', { errorMessage: LOCKED_OUT_MESSAGE }));
    assert.equal(right.state.shared['_id'], undefined);
    const wrong = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    const unknown = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials('eve', 'wrong') });
    assert.deepEqual([wrong.action, unknown.action], [goTo('false'), goTo('false')]);
  });

  it('an unknown user answers what a wrong password answers, warnings and lockout included, for the same duration', async () => {
    const t = await services({ lockout: { failureCount: 3, warnUserCount: 1, durationMinutes: 15 } });
    const answers = async (username: string) => {
      const actions = [];
      for (let attempt = 0; attempt < 4; attempt++) actions.push((await runNode(dataStoreDecisionNode, { services: t.services, ...credentials(username, 'wrong') })).action);
      return actions;
    };
    const known = await answers('bob');
    assert.deepEqual(known, [goTo('false', { errorMessage: lockoutWarning(2) }), goTo('false', { errorMessage: lockoutWarning(1) }), goTo('false', { errorMessage: LOCKED_OUT_MESSAGE }), goTo('false', { errorMessage: LOCKED_OUT_MESSAGE })]);
    assert.deepEqual(await answers('eve'), known);
    t.clock.advance(15 * 60_000);
    const after = (username: string) => runNode(dataStoreDecisionNode, { services: t.services, ...credentials(username, 'wrong') });
    assert.deepEqual([(await after('bob')).action, (await after('eve')).action], [goTo('false', { errorMessage: lockoutWarning(2) }), goTo('false', { errorMessage: lockoutWarning(2) })]);
    const stored = await t.store.ephemeral.get(`lockout:attempts:alpha_user:u1`);
    assert.equal(stored, '1');
  });

  it('ignores stray submitted callbacks on re-entry and decides the same way', async () => {
    const first = await runNode(dataStoreDecisionNode, { services: (await services()).services, ...credentials('bob', 'Secret12!') });
    const again = await runNode(dataStoreDecisionNode, { services: (await services()).services, callbacks: [], ...credentials('bob', 'Secret12!') });
    assert.deepEqual(again.action, first.action);
    assert.deepEqual(again.state, first.state);
  });

  it('goes to false without a lookup for blank, missing or wrong-typed credentials', async () => {
    const t = await services();
    for (const [username, password] of [['bob', ''], ['bob', '   '], ['bob', undefined], ['bob', 42], ['', 'Secret12!'], [undefined, 'Secret12!'], [7, 'Secret12!']]) {
      const { action } = await runNode(dataStoreDecisionNode, { services: t.services, ...credentials(username, password) });
      assert.deepEqual(action, goTo('false'), `${String(username)} / ${String(password)}`);
    }
    assert.deepEqual(t.callNames(), []);
  });
});
