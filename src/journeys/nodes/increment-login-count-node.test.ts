import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { incrementLoginCountNode } from './increment-login-count-node.ts';

function services() {
  return fakeServices({ users: [{ _id: 'u1', attributes: { userName: 'bob', mail: 'bob@example.com' }, meta: { loginCount: 2 } }] });
}

describe('IncrementLoginCountNode', () => {
  it('increments the login count of the user named by shared.username, then goes to outcome', async () => {
    const fakes = services();
    const { action } = await runNode(incrementLoginCountNode, { services: fakes, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(fakes.users[0]?.meta, { loginCount: 3 });
  });

  it('looks the user up by identityAttribute from objectAttributes', async () => {
    const fakes = services();
    await runNode(incrementLoginCountNode, { services: fakes, config: { identityAttribute: 'mail' }, shared: { objectAttributes: { mail: 'bob@example.com' } } });
    assert.deepEqual(fakes.calls, ['findUser:mail:bob@example.com', 'incrementLoginCount:u1']);
  });

  it('goes to outcome without counting when no user is identified or found', async () => {
    const nobody = services();
    assert.deepEqual((await runNode(incrementLoginCountNode, { services: nobody })).action, goTo('outcome'));
    assert.deepEqual(nobody.calls, []);
    const unknown = services();
    assert.deepEqual((await runNode(incrementLoginCountNode, { services: unknown, shared: { username: 'eve' } })).action, goTo('outcome'));
    assert.deepEqual(unknown.calls, ['findUser:userName:eve']);
  });

  it('swallows a failing identity store', async () => {
    const fakes = services();
    const failing = { ...fakes, identity: { ...fakes.identity, incrementLoginCount: () => Promise.reject(new Error('store down')) } };
    const { action } = await runNode(incrementLoginCountNode, { services: failing, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
  });

  it('counts again on re-entry (one increment per pass) and ignores stray callbacks', async () => {
    const fakes = services();
    await runNode(incrementLoginCountNode, { services: fakes, shared: { username: 'bob' } });
    await runNode(incrementLoginCountNode, { services: fakes, shared: { username: 'bob' }, callbacks: [] });
    assert.deepEqual(fakes.users[0]?.meta, { loginCount: 4 });
  });

  it('ignores a wrong-typed username and rejects an empty identityAttribute', async () => {
    const fakes = services();
    await runNode(incrementLoginCountNode, { services: fakes, shared: { username: ['bob'] } });
    assert.deepEqual(fakes.calls, []);
    await assert.rejects(runNode(incrementLoginCountNode, { config: { identityAttribute: '' } }), /identityAttribute/);
  });
});
