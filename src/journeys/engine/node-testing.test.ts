import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { goTo, send } from './actions.ts';
import { nameCallback, textOutputCallback, validatedCreateUsernameCallback } from './callback-builders.ts';
import { defineNode } from './define-node.ts';
import { fakeServices, inputs, runNode, sentCallbacks, submit, TEST_NODE_ID } from './node-testing.ts';

const echo = defineNode({
  type: 'EchoNode',
  displayName: 'Echo',
  category: 'utilities',
  description: 'test',
  config: Type.Object({ label: Type.String({ default: 'x' }) }),
  outcomes: ['outcome'],
  process(ctx) {
    ctx.state.shared['seen'] = { label: ctx.config.label, nodeId: ctx.nodeId, locales: ctx.request.locales, resource: ctx.identityResource };
    return ctx.callbacks === undefined ? send([nameCallback(ctx.config.label)]) : goTo('outcome');
  },
});

describe('runNode', () => {
  it('parses the config with defaults and builds a context with test defaults', async () => {
    const shared = { before: true };
    const { action, state } = await runNode(echo, { shared });
    assert.deepEqual(sentCallbacks(action), [nameCallback('x')]);
    assert.deepEqual(state.shared['seen'], { label: 'x', nodeId: TEST_NODE_ID, locales: ['en'], resource: 'managed/alpha_user' });
    assert.deepEqual(shared, { before: true }, 'the state passed in is copied, not mutated');
  });

  it('takes the options given', async () => {
    const { action, state } = await runNode(echo, { config: { label: 'y' }, callbacks: [], nodeId: 'n9', request: { locales: ['fr'] }, identityResource: 'managed/user' });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared['seen'], { label: 'y', nodeId: 'n9', locales: ['fr'], resource: 'managed/user' });
  });

  it('throws on a config the schema rejects, and sentCallbacks on other actions', async () => {
    await assert.rejects(runNode(echo, { config: { label: 3 } }), /invalid EchoNode config: label: /);
    assert.throws(() => sentCallbacks(goTo('outcome')), /expected a send action/);
  });
});

describe('submit', () => {
  it('fills main inputs, keeps defaults of the others and skips read-only callbacks', () => {
    const sent = [textOutputCallback('Hi'), validatedCreateUsernameCallback({ prompt: 'Username', policies: {}, failedPolicies: [] }), nameCallback('Name')];
    assert.deepEqual(submit(sent, [undefined, 'bob']), [
      { type: 'TextOutputCallback', output: sent[0]?.output, inputs: {} },
      { type: 'ValidatedCreateUsernameCallback', output: sent[1]?.output, inputs: { '': 'bob', validateOnly: false } },
      { type: 'NameCallback', output: sent[2]?.output, inputs: { '': '' } },
    ]);
  });

  it('sets several inputs by suffix and passes wrong types through', () => {
    const sent = [validatedCreateUsernameCallback({ prompt: 'Username', policies: {}, failedPolicies: [] }), nameCallback('Name')];
    const [first, second] = submit(sent, [inputs({ '': 'bob', validateOnly: true }), 42]);
    assert.deepEqual(first?.inputs, { '': 'bob', validateOnly: true });
    assert.deepEqual(second?.inputs, { '': 42 });
  });
});

describe('fakeServices', () => {
  it('finds users case-insensitively, hides passwords and logs calls', async () => {
    const services = fakeServices({ users: [{ _id: 'u1', attributes: { userName: 'Bob' }, password: 'pw' }] });
    const user = await services.identity.findUser('managed/alpha_user', 'userName', 'bob');
    assert.deepEqual(user, { _id: 'u1', _rev: '1', attributes: { userName: 'Bob' }, meta: {}, hasPassword: true });
    assert.equal(await services.identity.verifyPassword('managed/alpha_user', 'u1', 'PW'), false);
    assert.equal(await services.identity.verifyPassword('managed/alpha_user', 'u1', 'pw'), true);
    assert.deepEqual(services.calls, ['findUser:userName:bob', 'verifyPassword:u1', 'verifyPassword:u1']);
  });

  it('counts failures like the realm lockout: warns, then locks', async () => {
    const services = fakeServices({ users: [{ _id: 'u1', attributes: {} }], lockout: { failureCount: 3, warnUserCount: 2 } });
    assert.deepEqual(await services.lockout.recordFailure('r', 'u1'), { locked: false, remaining: undefined });
    assert.deepEqual(await services.lockout.recordFailure('r', 'u1'), { locked: false, remaining: 1 });
    assert.deepEqual(await services.lockout.recordFailure('r', 'u1'), { locked: true, remaining: undefined });
    assert.equal(await services.lockout.isLocked('r', 'u1'), true);
    await services.lockout.setLocked('r', 'u1', false);
    assert.equal(await services.lockout.isLocked('r', 'u1'), false);
    assert.equal(services.users[0]?.failures, 0);
  });
});
