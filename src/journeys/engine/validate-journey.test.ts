import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildJourney, F, loginJourney, S } from '../trees/testing/build-journey.ts';
import { fakeRegistry } from '../trees/testing/fake-nodes.ts';
import type { JourneyDefinition } from './tree-model.ts';
import { validateJourney } from './validate-journey.ts';
import type { JourneyProblem, ValidateJourneyOptions } from './validate-journey.ts';

const options: ValidateJourneyOptions = { registry: fakeRegistry, treeExists: () => true };

async function codes(journey: JourneyDefinition, extra: Partial<ValidateJourneyOptions> = {}): Promise<string[]> {
  return (await validateJourney(journey, { ...options, ...extra })).map((p) => p.code);
}

async function only(journey: JourneyDefinition, extra: Partial<ValidateJourneyOptions> = {}): Promise<JourneyProblem> {
  const problems = await validateJourney(journey, { ...options, ...extra });
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
  return problems[0] as JourneyProblem;
}

describe('validateJourney', () => {
  it('accepts a complete journey', async () => {
    assert.deepEqual(await validateJourney(loginJourney('Login'), options), []);
  });

  it('names an unsupported node type with its node id and display name', async () => {
    const journey = buildJourney('T', 'n1', { n1: { type: 'FancyNode', connections: { outcome: S } } });
    const problem = await only(journey);
    assert.deepEqual(problem, {
      code: 'NODE_TYPE_UNSUPPORTED',
      message: "node type FancyNode is not supported yet (node n1 'FancyNode n1')",
      nodeId: 'n1',
      nodeType: 'FancyNode',
    });
  });

  it('reports a missing node config object', async () => {
    const journey = loginJourney('T');
    delete journey.nodes['T-decision'];
    const problem = await only(journey);
    assert.equal(problem.code, 'NODE_CONFIG_MISSING');
    assert.equal(problem.nodeId, 'T-decision');
  });

  it('reports invalid config with the field errors of the schema', async () => {
    const journey = buildJourney('T', 'c', { c: { type: 'ChoiceNode', config: { choices: [] }, connections: {} } });
    const problem = await only(journey);
    assert.equal(problem.code, 'NODE_CONFIG_INVALID');
    assert.match(problem.message, /node c 'ChoiceNode c' \(ChoiceNode\) has invalid config: choices/);
  });

  it('reports a config object whose _type differs from the tree node type', async () => {
    const journey = loginJourney('T');
    const node = journey.nodes['T-decision'];
    assert.ok(node);
    node._type = { _id: 'UsernameNode' };
    assert.equal((await only(journey)).code, 'NODE_TYPE_MISMATCH');
  });

  it('reports an entryNodeId that is empty or not a node', async () => {
    const journey = loginJourney('T');
    journey.tree.entryNodeId = '';
    assert.deepEqual(await codes(journey), ['ENTRY_NODE_MISSING']);
    journey.tree.entryNodeId = 'nowhere';
    assert.match((await only(journey)).message, /entryNodeId nowhere is not a node of the tree/);
  });

  it('reports a connection to an unknown node', async () => {
    const journey = buildJourney('T', 'd', { d: { type: 'DecisionNode', connections: { true: 'ghost', false: F } } });
    const problem = await only(journey);
    assert.equal(problem.code, 'CONNECTION_TARGET_UNKNOWN');
    assert.match(problem.message, /outcome 'true' leads to ghost/);
  });

  it('reports an outcome that is not wired and a connection for an outcome the node lacks', async () => {
    const unwired = buildJourney('T', 'd', { d: { type: 'DecisionNode', connections: { true: S } } });
    assert.match((await only(unwired)).message, /outcome 'false' is not connected/);
    const extra = buildJourney('T', 'd', { d: { type: 'DecisionNode', connections: { true: S, false: F, maybe: S } } });
    const problem = await only(extra);
    assert.equal(problem.code, 'OUTCOME_UNKNOWN');
    assert.match(problem.message, /has no outcome 'maybe' \(its outcomes: true, false\)/);
  });

  it('takes outcomes that depend on the config from the parsed config', async () => {
    const journey = buildJourney('T', 'c', { c: { type: 'ChoiceNode', config: { choices: ['a', 'b'] }, connections: { a: S, b: F } } });
    assert.deepEqual(await codes(journey), []);
    const missing = buildJourney('T', 'c', { c: { type: 'ChoiceNode', config: { choices: ['a', 'b', 'c'] }, connections: { a: S, b: F } } });
    assert.deepEqual(await codes(missing), ['OUTCOME_NOT_WIRED']);
  });

  it('reports nodes unreachable from the entry and config objects no node uses', async () => {
    const journey = buildJourney('T', 'a', {
      a: { type: 'DecisionNode', connections: { true: S, false: F } },
      b: { type: 'DecisionNode', connections: { true: 'a', false: F } },
    });
    journey.nodes.stray = { _id: 'stray', _type: { _id: 'PasswordNode' } };
    assert.deepEqual(await codes(journey), ['NODE_UNREACHABLE', 'NODE_CONFIG_UNUSED']);
  });

  describe('PageNode', () => {
    it('takes the outcomes of its last child', async () => {
      const journey = buildJourney('T', 'p', {
        p: { type: 'PageNode', connections: { true: S, false: F }, children: [{ id: 'u', type: 'UsernameNode' }, { id: 'd', type: 'DecisionNode' }] },
      });
      assert.deepEqual(await codes(journey), []);
      const wrong = buildJourney('T', 'p', {
        p: { type: 'PageNode', connections: { outcome: S }, children: [{ id: 'u', type: 'UsernameNode' }, { id: 'd', type: 'DecisionNode' }] },
      });
      assert.deepEqual(await codes(wrong), ['OUTCOME_UNKNOWN', 'OUTCOME_NOT_WIRED', 'OUTCOME_NOT_WIRED']);
    });

    it('allows several outcomes only on the last child', async () => {
      const journey = buildJourney('T', 'p', {
        p: { type: 'PageNode', connections: { outcome: S }, children: [{ id: 'd', type: 'DecisionNode' }, { id: 'u', type: 'UsernameNode' }] },
      });
      const problem = await only(journey);
      assert.equal(problem.code, 'PAGE_CHILD_OUTCOMES');
      assert.equal(problem.nodeId, 'd');
    });

    it('refuses pages and inner tree evaluators as children, and missing or unknown children', async () => {
      const journey = buildJourney('T', 'p', {
        p: {
          type: 'PageNode',
          connections: { outcome: S },
          children: [
            { id: 'inner', type: 'InnerTreeEvaluatorNode', config: { tree: 'X' } },
            { id: 'page', type: 'PageNode', config: { nodes: [] } },
            { id: 'odd', type: 'OddNode' },
            { id: 'u', type: 'UsernameNode' },
          ],
        },
      });
      delete journey.nodes.u;
      assert.deepEqual(await codes(journey), ['PAGE_CHILD_NOT_ALLOWED', 'PAGE_CHILD_NOT_ALLOWED', 'NODE_TYPE_UNSUPPORTED', 'NODE_CONFIG_MISSING']);
    });

    it('refuses an empty page and malformed child references', async () => {
      const empty = buildJourney('T', 'p', { p: { type: 'PageNode', connections: { outcome: S }, children: [] } });
      assert.deepEqual(await codes(empty), ['PAGE_EMPTY']);
      const malformed = buildJourney('T', 'p', { p: { type: 'PageNode', connections: { outcome: S }, config: { nodes: [{ _id: 'x' }] } } });
      assert.deepEqual(await codes(malformed), ['NODE_CONFIG_INVALID']);
    });
  });

  describe('InnerTreeEvaluatorNode', () => {
    it('needs the inner tree to exist (the callback may be async)', async () => {
      const journey = loginJourney('A', { inner: 'B' });
      assert.deepEqual(await codes(journey, { treeExists: async (name) => name === 'B' }), []);
      const problem = await only(journey, { treeExists: async () => false });
      assert.equal(problem.code, 'INNER_TREE_MISSING');
      assert.match(problem.message, /runs inner tree 'B', which does not exist/);
    });

    it('refuses a tree that runs itself', async () => {
      assert.deepEqual(await codes(loginJourney('A', { inner: 'A' })), ['INNER_TREE_RECURSION']);
    });

    it('finds recursion through several levels', async () => {
      const inner: Record<string, string[]> = { B: ['C'], C: ['D'], D: ['A'] };
      const problem = await only(loginJourney('A', { inner: 'B' }), { innerTreesOf: async (name) => inner[name] });
      assert.equal(problem.code, 'INNER_TREE_RECURSION');
      assert.match(problem.message, /A → B → C → D → A/);
      assert.deepEqual(await codes(loginJourney('A', { inner: 'B' }), { innerTreesOf: (name) => ({ B: ['C'], C: ['B'] })[name] }), ['INNER_TREE_RECURSION']);
      assert.deepEqual(await codes(loginJourney('A', { inner: 'B' }), { innerTreesOf: (name) => ({ B: ['C', 'D'], C: ['D'] })[name] }), []);
    });
  });
});
