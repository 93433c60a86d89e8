import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { isStoreConnectionError, storeConnectionError } from '../../store/store-connection-error.ts';
import { goTo, send } from './actions.ts';
import { nameCallback, passwordCallback } from './callback-builders.ts';
import type { AnyNodeDefinition } from './define-node.ts';
import { defineNode } from './define-node.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { RunnerDeps } from './runner.ts';
import { runJourney } from './runner.ts';
import { readSubmission } from './submission.ts';
import { fixedJourneys } from './testing/fixed-journeys.ts';
import { anyNode } from '../nodes/registry.ts';
import type { JourneyDefinition } from './tree-model.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from './tree-model.ts';

const open = Type.Object({}, { additionalProperties: true });

/** Asks for a name; `ok` when it is "alice", else `bad`. */
const askName = defineNode({
  type: 'AskName',
  displayName: 'Ask name',
  category: 'utilities',
  description: 'test',
  config: open,
  outcomes: ['ok', 'bad'],
  process(ctx) {
    if (ctx.callbacks === undefined) return send([nameCallback('Name')]);
    const value = ctx.callbacks[0]?.inputs[''];
    if (value === '') return send([nameCallback('Name')]);
    ctx.state.shared.name = value;
    return goTo(value === 'alice' ? 'ok' : 'bad');
  },
});

/** Asks for a secret; stores it in transient state. */
const askSecret = defineNode({
  type: 'AskSecret',
  displayName: 'Ask secret',
  category: 'utilities',
  description: 'test',
  config: open,
  outcomes: ['outcome'],
  process(ctx) {
    if (ctx.callbacks === undefined) return send([passwordCallback('Secret')]);
    const value = ctx.callbacks[0]?.inputs[''];
    if (value === '') return send([passwordCallback('Secret')]);
    ctx.state.transient.secret = value;
    return goTo('outcome');
  },
});

const page = defineNode({
  type: 'PageNode',
  displayName: 'Page',
  category: 'structure',
  description: 'test',
  config: Type.Object({ nodes: Type.Array(Type.Object({ _id: Type.String(), nodeType: Type.String(), displayName: Type.String() })) }, { additionalProperties: true }),
  outcomes: (config) => (config.nodes.length > 0 ? ['ok', 'bad'] : []),
  process: (ctx) => ({ kind: 'page', children: ctx.config.nodes, page: { header: 'Hello' } }),
});

const inner = defineNode({
  type: 'InnerTreeEvaluatorNode',
  displayName: 'Inner',
  category: 'structure',
  description: 'test',
  config: Type.Object({ tree: Type.String() }, { additionalProperties: true }),
  outcomes: ['true', 'false'],
  process: (ctx) => ({ kind: 'innerTree', tree: ctx.config.tree }),
});

const broken = defineNode({
  type: 'Broken',
  displayName: 'Broken',
  category: 'utilities',
  description: 'test',
  config: open,
  outcomes: ['outcome'],
  process: () => {
    throw new Error('the directory is down');
  },
});

const innerWithError = defineNode({
  type: 'InnerWithError',
  displayName: 'Inner',
  category: 'structure',
  description: 'test',
  config: Type.Object({ tree: Type.String(), displayErrorOutcome: Type.Boolean() }, { additionalProperties: true }),
  outcomes: (config) => (config.displayErrorOutcome ? ['true', 'false', 'error'] : ['true', 'false']),
  process: (ctx) => ({ kind: 'innerTree', tree: ctx.config.tree }),
});

const storeDown = defineNode({
  type: 'StoreDown',
  displayName: 'StoreDown',
  category: 'utilities',
  description: 'test',
  config: open,
  outcomes: ['outcome'],
  process: () => {
    throw storeConnectionError({ service: 'PostgreSQL', address: 'db:5432', stage: 'use', reason: 'no answer within 2 seconds' });
  },
});

const hop = defineNode({ type: 'Hop', displayName: 'Hop', category: 'utilities', description: 'test', config: open, outcomes: ['outcome'], process: () => goTo('outcome') });
const liar = defineNode({ type: 'Liar', displayName: 'Liar', category: 'utilities', description: 'test', config: open, outcomes: ['outcome'], process: () => goTo('nope') });

const definitions = new Map<string, AnyNodeDefinition>([anyNode(askName), anyNode(askSecret), anyNode(page), anyNode(inner), anyNode(hop), anyNode(liar), anyNode(broken), anyNode(innerWithError), anyNode(storeDown)].map((d) => [d.type, d]));

function tree(name: string, entry: string, nodes: Record<string, { type: string; connections: Record<string, string>; config?: Record<string, unknown> }>, extra: JourneyDefinition['nodes'] = {}): JourneyDefinition {
  const def: JourneyDefinition = { tree: { _id: name, entryNodeId: entry, nodes: {} }, nodes: { ...extra } };
  for (const [id, node] of Object.entries(nodes)) {
    def.tree.nodes[id] = { displayName: id, nodeType: node.type, connections: node.connections };
    def.nodes[id] = { _id: id, _type: { _id: node.type }, ...node.config };
  }
  return def;
}

function record(treeName: string, entry: string): JourneyRecord {
  return { realm: 'alpha', authIndexType: 'service', authIndexValue: treeName, identityResource: 'managed/alpha_user', frames: [{ tree: treeName, nodeId: entry }], shared: {}, transient: {}, noSession: false, startedAt: 0, step: 0 };
}

// The real node services; these test nodes never call them, so one set serves every test.
const { services } = await nodeTestServices();

function deps(trees: JourneyDefinition[], maxNodesPerRequest = 50): RunnerDeps {
  return {
    nodes: { get: (type) => definitions.get(type) },
    loadJourney: fixedJourneys(trees, { get: (type) => definitions.get(type) }),
    services,
    request: { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {} },
    maxNodesPerRequest,
  };
}

describe('runJourney', () => {
  it('sends the first callbacks, then follows the outcome chosen by the submitted value', async () => {
    const t = tree('T', 'n1', { n1: { type: 'AskName', connections: { ok: SUCCESS_NODE_ID, bad: FAILURE_NODE_ID } } });
    const r = record('T', 'n1');
    const first = await runJourney(r, undefined, deps([t]));
    assert.equal(first.kind, 'step');
    assert.ok(first.kind === 'step');
    r.pending = first.pending;
    const answer = readSubmission(first.pending, [{ type: 'NameCallback', input: [{ name: 'IDToken1', value: 'alice' }] }]);
    assert.deepEqual(await runJourney(r, answer, deps([t])), { kind: 'success' });
    assert.equal(r.shared.name, 'alice');
    const r2 = record('T', 'n1');
    r2.pending = first.pending;
    const wrong = readSubmission(first.pending, [{ type: 'NameCallback', input: [{ name: 'IDToken1', value: 'eve' }] }]);
    assert.deepEqual(await runJourney(r2, wrong, deps([t])), { kind: 'failure' });
  });

  it('runs a page as one step and re-sends the whole page while a child still needs input', async () => {
    const children = [
      { _id: 'c1', nodeType: 'AskName', displayName: 'name' },
      { _id: 'c2', nodeType: 'AskSecret', displayName: 'secret' },
    ];
    const t = tree('P', 'p', { p: { type: 'PageNode', connections: { ok: SUCCESS_NODE_ID, bad: FAILURE_NODE_ID }, config: { nodes: children } } }, {
      c1: { _id: 'c1', _type: { _id: 'AskName' } },
      c2: { _id: 'c2', _type: { _id: 'AskSecret' } },
    });
    // The page's outcomes are the last child's: AskSecret only has `outcome`, so wire that too.
    t.tree.nodes.p!.connections = { outcome: SUCCESS_NODE_ID };
    const pageDef = defineNode({ ...page, outcomes: ['outcome'] });
    const d = deps([t]);
    d.nodes = { get: (type) => (type === 'PageNode' ? anyNode(pageDef) : definitions.get(type)) };
    const r = record('P', 'p');
    const first = await runJourney(r, undefined, d);
    assert.ok(first.kind === 'step');
    assert.deepEqual(first.pending.owners.map((o) => o.callbacks.map((c) => c.type)), [['NameCallback'], ['PasswordCallback']]);
    assert.deepEqual(first.pending.page, { header: 'Hello' });
    r.pending = first.pending;
    const half = readSubmission(first.pending, [
      { type: 'NameCallback', input: [{ name: 'IDToken1', value: 'alice' }] },
      { type: 'PasswordCallback', input: [{ name: 'IDToken2', value: '' }] },
    ]);
    const again = await runJourney(r, half, d);
    assert.ok(again.kind === 'step');
    assert.equal(again.pending.owners[0]?.callbacks[0]?.inputs[0]?.value, 'alice', 'the satisfied child keeps its value');
    r.pending = again.pending;
    const full = readSubmission(again.pending, [
      { type: 'NameCallback', input: [{ name: 'IDToken1', value: 'alice' }] },
      { type: 'PasswordCallback', input: [{ name: 'IDToken2', value: 's3cret' }] },
    ]);
    assert.deepEqual(await runJourney(r, full, d), { kind: 'success' });
    assert.equal(r.transient.secret, 's3cret');
  });

  it('runs an inner tree with the same shared state, maps its end to true/false, and keeps its transient state inside', async () => {
    const innerTree = tree('Inner', 'i1', { i1: { type: 'AskSecret', connections: { outcome: 'i2' } }, i2: { type: 'AskName', connections: { ok: SUCCESS_NODE_ID, bad: FAILURE_NODE_ID } } });
    const outer = tree('Outer', 'o1', { o1: { type: 'InnerTreeEvaluatorNode', connections: { true: SUCCESS_NODE_ID, false: FAILURE_NODE_ID }, config: { tree: 'Inner' } } });
    for (const [name, expected] of [['alice', 'success'], ['bob', 'failure']] as const) {
      const r = record('Outer', 'o1');
      r.transient.outer = 1;
      const d = deps([outer, innerTree]);
      let result = await runJourney(r, undefined, d);
      assert.ok(result.kind === 'step');
      r.pending = result.pending;
      result = await runJourney(r, readSubmission(result.pending, [{ type: 'PasswordCallback', input: [{ name: 'IDToken1', value: 'x' }] }]), d);
      assert.ok(result.kind === 'step');
      r.pending = result.pending;
      result = await runJourney(r, readSubmission(result.pending, [{ type: 'NameCallback', input: [{ name: 'IDToken1', value: name }] }]), d);
      assert.deepEqual(result, { kind: expected });
      assert.equal(r.shared.name, name, 'shared state flows out of the inner tree');
      assert.deepEqual(r.transient, { outer: 1 }, 'inner transient state does not flow back');
    }
  });

  it('leaves an evaluator through error when its inner tree fails and it shows the error outcome', async () => {
    const failing = tree('Failing', 'b', { b: { type: 'Broken', connections: { outcome: SUCCESS_NODE_ID } } });
    const withError = tree('Outer', 'o', { o: { type: 'InnerWithError', connections: { true: SUCCESS_NODE_ID, false: FAILURE_NODE_ID, error: FAILURE_NODE_ID }, config: { tree: 'Failing', displayErrorOutcome: true } } });
    const r = record('Outer', 'o');
    assert.deepEqual(await runJourney(r, undefined, deps([withError, failing])), { kind: 'failure' });
    assert.equal(r.shared.errorMessage, 'the directory is down');
    assert.deepEqual(r.frames.length, 1);
    const without = tree('Outer', 'o', { o: { type: 'InnerWithError', connections: { true: SUCCESS_NODE_ID, false: FAILURE_NODE_ID }, config: { tree: 'Failing', displayErrorOutcome: false } } });
    await assert.rejects(runJourney(record('Outer', 'o'), undefined, deps([without, failing])), /the directory is down/);
  });

  it('never takes a store outage inside an inner tree for its error outcome: the request fails (a 503)', async () => {
    const down = tree('Down', 'd', { d: { type: 'StoreDown', connections: { outcome: SUCCESS_NODE_ID } } });
    const outer = tree('Outer', 'o', { o: { type: 'InnerWithError', connections: { true: SUCCESS_NODE_ID, false: FAILURE_NODE_ID, error: SUCCESS_NODE_ID }, config: { tree: 'Down', displayErrorOutcome: true } } });
    const r = record('Outer', 'o');
    await assert.rejects(runJourney(r, undefined, deps([outer, down])), (error) => isStoreConnectionError(error));
    assert.equal(r.shared.errorMessage, undefined, 'nothing of the internal reason reaches the journey');
  });

  it('stops a tree that loops without asking the user', async () => {
    const t = tree('Loop', 'a', { a: { type: 'Hop', connections: { outcome: 'b' } }, b: { type: 'Hop', connections: { outcome: 'a' } } });
    await assert.rejects(runJourney(record('Loop', 'a'), undefined, deps([t], 10)), { code: 'LOOP_GUARD' });
  });

  it('ends in failure when a node leaves through an outcome the tree does not connect (AM runs such trees)', async () => {
    const t = tree('Loose', 'n1', { n1: { type: 'AskName', connections: { ok: SUCCESS_NODE_ID } } });
    const r = record('Loose', 'n1');
    const first = await runJourney(r, undefined, deps([t]));
    assert.ok(first.kind === 'step');
    r.pending = first.pending;
    const answer = readSubmission(first.pending, [{ type: 'NameCallback', input: [{ name: 'IDToken1', value: 'eve' }] }]);
    assert.deepEqual(await runJourney(r, answer, deps([t])), { kind: 'failure' });
  });

  it('refuses an outcome the node did not declare', async () => {
    const t = tree('Bad', 'a', { a: { type: 'Liar', connections: { outcome: SUCCESS_NODE_ID } } });
    await assert.rejects(runJourney(record('Bad', 'a'), undefined, deps([t])), { code: 'UNKNOWN_OUTCOME' });
  });

  it('refuses a submission with the wrong count or types of callbacks', async () => {
    const t = tree('T', 'n1', { n1: { type: 'AskName', connections: { ok: SUCCESS_NODE_ID, bad: FAILURE_NODE_ID } } });
    const first = await runJourney(record('T', 'n1'), undefined, deps([t]));
    assert.ok(first.kind === 'step');
    assert.throws(() => readSubmission(first.pending, []), { code: 'BAD_SUBMISSION', message: /expected 1 callbacks/ });
    assert.throws(() => readSubmission(first.pending, [{ type: 'PasswordCallback', input: [{ name: 'IDToken1', value: 'x' }] }]), { code: 'BAD_SUBMISSION', message: /expected type NameCallback/ });
    assert.throws(() => readSubmission(first.pending, [{ type: 'NameCallback', input: [{ name: 'IDToken1', value: { a: 1 } }] }]), { code: 'BAD_SUBMISSION', message: /must be a string/ });
    assert.throws(() => readSubmission(first.pending, [{ type: 'NameCallback' }]), { code: 'BAD_SUBMISSION', message: /IDToken1 is missing/ });
  });
});
