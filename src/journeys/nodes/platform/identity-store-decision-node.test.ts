import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import type { NodeTestOptions, NodeTestServices, SeedUser } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { LOCKED_OUT_MESSAGE, lockoutWarning } from '../data-store-decision-node.ts';
import { identityStoreDecisionNode, universalId } from './identity-store-decision-node.ts';

const bob: SeedUser = { _id: 'u1', attributes: { userName: 'bob', mail: 'bob@example.com' }, password: 'Secret12!' };

function services(options: NodeTestOptions = {}): Promise<NodeTestServices> {
  return nodeTestServices({ users: [bob], ...options });
}

const credentials = (username: unknown, password: unknown) => ({ shared: { username }, transient: { password } });

describe('IdentityStoreDecisionNode', () => {
  it('declares AM’s five outcomes', () => {
    assert.deepEqual(identityStoreDecisionNode.outcomes, ['TRUE', 'FALSE', 'LOCKED', 'CANCELLED', 'EXPIRED']);
  });

  it('goes to TRUE for the right password, through the credential guard, and identifies the user', async () => {
    const t = await services();
    const { action, state } = await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('BOB', 'Secret12!') });
    assert.deepEqual(action, goTo('TRUE'));
    assert.deepEqual(state.shared, { username: 'bob', _id: 'u1', 'arbor.amr': ['pwd'] });
    assert.deepEqual(t.callNames(), ['credentials.checkPassword']);
  });

  it('goes to FALSE for a wrong password or an unknown user, and for missing credentials without a check', async () => {
    const t = await services({ lockout: { failureCount: 5, warnUserCount: 2, durationMinutes: 15 } });
    assert.deepEqual((await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') })).action, goTo('FALSE'));
    assert.deepEqual((await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('eve', 'wrong') })).action, goTo('FALSE'));
    const calls = t.callNames().length;
    assert.deepEqual((await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('bob', ' ') })).action, goTo('FALSE'));
    assert.deepEqual((await runNode(identityStoreDecisionNode, { services: t.services, shared: {} })).action, goTo('FALSE'));
    assert.equal(t.callNames().length, calls, 'nothing is checked without credentials');
    const third = await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    assert.deepEqual(third.action, goTo('FALSE', { errorMessage: lockoutWarning(3) }), 'bob’s second failure: the realm’s warning, as Data Store Decision gives it');
  });

  it('goes to LOCKED for a locked account, even with its right password', async () => {
    const t = await services({ lockout: { failureCount: 2, warnUserCount: 0, durationMinutes: 15 } });
    await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    const locking = await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('bob', 'wrong') });
    assert.deepEqual(locking.action, goTo('LOCKED', { errorMessage: LOCKED_OUT_MESSAGE }));
    const right = await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('bob', 'Secret12!') });
    assert.deepEqual(right.action, goTo('LOCKED', { errorMessage: LOCKED_OUT_MESSAGE }));
    assert.equal(right.state.shared['_id'], undefined);
  });

  it('goes to LOCKED for the right password of an inactive account', async () => {
    const t = await services({ users: [{ ...bob, attributes: { ...bob.attributes, accountStatus: 'inactive' } }] });
    const { action } = await runNode(identityStoreDecisionNode, { services: t.services, ...credentials('bob', 'Secret12!') });
    assert.deepEqual(action, goTo('LOCKED', { errorMessage: LOCKED_OUT_MESSAGE }));
  });

  it('with useUniversalIdForUsername, puts the universal id in shared.username', async () => {
    const t = await services();
    const { action, state } = await runNode(identityStoreDecisionNode, { services: t.services, config: { useUniversalIdForUsername: true }, ...credentials('bob', 'Secret12!') });
    assert.deepEqual(action, goTo('TRUE'));
    assert.equal(state.shared['username'], 'id=bob,ou=user,o=alpha,ou=services,ou=am-config');
    assert.equal(state.shared['_id'], 'u1', 'the user stays identified by id');
    assert.equal(universalId('bob', '/'), 'id=bob,ou=user,o=root,ou=services,ou=am-config');
  });
});
