import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import type { SeedUser } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { accountActiveDecisionNode } from './account-active-decision-node.ts';

const RESOURCE = 'managed/alpha_user';
const bob: SeedUser = { _id: 'u1', attributes: { userName: 'bob', accountStatus: 'active' }, password: 'Secret12!' };
const ann: SeedUser = { _id: 'u2', attributes: { userName: 'ann', accountStatus: 'inactive' }, password: 'Secret12!' };

describe('AccountActiveDecisionNode', () => {
  it('goes to true for an active account, found by _id or by username', async () => {
    const t = await nodeTestServices({ users: [bob, ann] });
    assert.deepEqual((await runNode(accountActiveDecisionNode, { services: t.services, shared: { _id: 'u1' } })).action, goTo('true'));
    assert.deepEqual((await runNode(accountActiveDecisionNode, { services: t.services, shared: { username: 'bob' } })).action, goTo('true'));
  });

  it('goes to false for an inactive account', async () => {
    const t = await nodeTestServices({ users: [bob, ann] });
    assert.deepEqual((await runNode(accountActiveDecisionNode, { services: t.services, shared: { username: 'ann' } })).action, goTo('false'));
  });

  it('goes to false while the account is locked out, and to true once the lockout ends', async () => {
    const t = await nodeTestServices({ users: [bob], lockout: { failureCount: 1, warnUserCount: 0, durationMinutes: 10 } });
    await t.services.lockout.recordFailure(RESOURCE, 'u1');
    assert.deepEqual((await runNode(accountActiveDecisionNode, { services: t.services, shared: { _id: 'u1' } })).action, goTo('false'));
    t.clock.advance(10 * 60_000);
    assert.deepEqual((await runNode(accountActiveDecisionNode, { services: t.services, shared: { _id: 'u1' } })).action, goTo('true'));
  });

  it('goes to false when no user is known or found', async () => {
    const t = await nodeTestServices({ users: [bob] });
    assert.deepEqual((await runNode(accountActiveDecisionNode, { services: t.services, shared: {} })).action, goTo('false'));
    assert.deepEqual((await runNode(accountActiveDecisionNode, { services: t.services, shared: { username: 'eve' } })).action, goTo('false'));
  });
});
