import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { incrementLoginCountNode } from './increment-login-count-node.ts';

function services(): Promise<NodeTestServices> {
  return nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob', givenName: 'Bob', sn: 'Smith', mail: 'bob@example.com' }, meta: { loginCount: 2 } }] });
}

async function loginCount(t: NodeTestServices): Promise<unknown> {
  return (await t.stored('u1'))?.meta['loginCount'];
}

describe('IncrementLoginCountNode', () => {
  it('increments the login count of the user named by shared.username, then goes to outcome', async () => {
    const t = await services();
    const { action } = await runNode(incrementLoginCountNode, { services: t.services, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.equal(await loginCount(t), 3);
  });

  it('looks the user up by identityAttribute from objectAttributes', async () => {
    const t = await services();
    await runNode(incrementLoginCountNode, { services: t.services, config: { identityAttribute: 'mail' }, shared: { objectAttributes: { mail: 'bob@example.com' } } });
    assert.deepEqual(t.callNames(), ['identity.findUser', 'identity.incrementLoginCount']);
    assert.deepEqual(t.calls[0]?.args, ['managed/alpha_user', 'mail', 'bob@example.com']);
    assert.equal(await loginCount(t), 3);
  });

  it('starts the count at 1 for a user who never had one', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob' } }] });
    await runNode(incrementLoginCountNode, { services: t.services, shared: { username: 'bob' } });
    assert.equal(await loginCount(t), 1);
  });

  it('goes to outcome without counting when no user is identified or found', async () => {
    const nobody = await services();
    assert.deepEqual((await runNode(incrementLoginCountNode, { services: nobody.services })).action, goTo('outcome'));
    assert.deepEqual(nobody.callNames(), []);
    const unknown = await services();
    assert.deepEqual((await runNode(incrementLoginCountNode, { services: unknown.services, shared: { username: 'eve' } })).action, goTo('outcome'));
    assert.deepEqual(unknown.callNames(), ['identity.findUser']);
    assert.equal(await loginCount(unknown), 2);
  });

  it('swallows an identity store failure (an attribute the store refuses to look up by)', async () => {
    const t = await services();
    await assert.rejects(t.services.identity.findUser('managed/alpha_user', 'e-mail', 'bob'), { code: 'INVALID_ATTRIBUTE' });
    const { action } = await runNode(incrementLoginCountNode, { services: t.services, config: { identityAttribute: 'e-mail' }, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.equal(await loginCount(t), 2);
  });

  it('counts again on re-entry (one increment per pass) and ignores stray callbacks', async () => {
    const t = await services();
    await runNode(incrementLoginCountNode, { services: t.services, shared: { username: 'bob' } });
    await runNode(incrementLoginCountNode, { services: t.services, shared: { username: 'bob' }, callbacks: [] });
    assert.equal(await loginCount(t), 4);
  });

  it('ignores a wrong-typed username and rejects an empty identityAttribute', async () => {
    const t = await services();
    await runNode(incrementLoginCountNode, { services: t.services, shared: { username: ['bob'] } });
    assert.deepEqual(t.callNames(), []);
    assert.equal(await loginCount(t), 2);
    await assert.rejects(runNode(incrementLoginCountNode, { config: { identityAttribute: '' } }), /identityAttribute/);
  });
});
