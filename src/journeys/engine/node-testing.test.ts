import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo, send } from './actions.ts';
import { nameCallback, textOutputCallback, validatedCreateUsernameCallback } from './callback-builders.ts';
import { defineNode } from './define-node.ts';
import { inputs, runNode, sentCallbacks, submit, TEST_NODE_ID } from './node-testing.ts';

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

/** Registers `shared.username` (when given), then reports whether the user is known and what the schema requires. */
const lookup = defineNode({
  type: 'LookupNode',
  displayName: 'Lookup',
  category: 'utilities',
  description: 'test',
  config: Type.Object({ register: Type.Boolean({ default: false }) }),
  outcomes: ['outcome'],
  async process(ctx) {
    const { identity } = ctx.services;
    const username = String(ctx.state.shared['username']);
    if (ctx.config.register) await identity.createUser(ctx.identityResource, { userName: username, givenName: 'Ann', sn: 'Lee', mail: `${username}@example.com` });
    ctx.state.shared['found'] = (await identity.findUser(ctx.identityResource, 'userName', username))?._id ?? null;
    ctx.state.shared['required'] = (await identity.schema(ctx.identityResource)).required;
    return goTo('outcome');
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

describe('runNode services', () => {
  it('are by default the real services on a fresh in-memory store with the default configuration', async () => {
    const registered = await runNode(lookup, { config: { register: true }, shared: { username: 'ann' } });
    assert.equal(typeof registered.state.shared['found'], 'string', 'the user just created is found');
    assert.deepEqual(registered.state.shared['required'], ['userName', 'givenName', 'sn', 'mail'], "IDM's default alpha_user");
    const again = await runNode(lookup, { shared: { username: 'ann' } });
    assert.equal(again.state.shared['found'], null, 'each run has a store of its own');
  });

  it('are the services given, whose calls the test reads back', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob' } }] });
    const { state } = await runNode(lookup, { services: t.services, shared: { username: 'BOB' } });
    assert.equal(state.shared['found'], 'u1');
    assert.deepEqual(t.callNames(), ['identity.findUser', 'identity.schema']);
  });
});
