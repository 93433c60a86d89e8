/** The editor's model: links one per outcome, what saving sends, a page's children, which nodes problems name, node ids. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditorBox } from './editor-model.ts';
import { keepOutcomes, linkWith, movedChild, newNodeId, nodeBody, problemBoxes, problemsNaming, refusalProblems, START_OUTCOME, staticBoxes, treeBody, unlinkBox, withChild, withChildren } from './editor-model.ts';
import { FAILURE_NODE_ID, START_NODE_ID, SUCCESS_NODE_ID } from './journey-graph-model.ts';

const ASK = '3c7a2f64-2a1f-4a7e-9c1c-0d5b8f0c9e11';
const CHECK = '9d1e0c2a-5b7f-4e3d-8a6b-1f2e3d4c5b6a';

function node(id: string, nodeType: string, outcomes: string[], config: Record<string, unknown> = {}): EditorBox {
  return { id, kind: 'node', nodeType, displayName: nodeType.replace(/Node$/, ''), config, outcomes, x: 200.4, y: 80 };
}

describe('the journey editor model', () => {
  it('starts a new journey with Start, Success and Failure and no node', () => {
    assert.deepEqual(
      staticBoxes().map((box) => [box.id, box.kind]),
      [
        [START_NODE_ID, 'start'],
        [SUCCESS_NODE_ID, 'success'],
        [FAILURE_NODE_ID, 'failure'],
      ],
    );
  });

  it('keeps one link per outcome: linking an outcome again replaces its former target', () => {
    const first = linkWith([], { source: CHECK, outcome: 'true', target: SUCCESS_NODE_ID });
    const both = linkWith(first, { source: CHECK, outcome: 'false', target: FAILURE_NODE_ID });
    const again = linkWith(both, { source: CHECK, outcome: 'true', target: FAILURE_NODE_ID });
    assert.deepEqual(again, [
      { source: CHECK, outcome: 'false', target: FAILURE_NODE_ID },
      { source: CHECK, outcome: 'true', target: FAILURE_NODE_ID },
    ]);
  });

  it('drops the links of outcomes a node no longer has, and every link of a deleted node', () => {
    const links = [
      { source: START_NODE_ID, outcome: START_OUTCOME, target: ASK },
      { source: ASK, outcome: 'email', target: CHECK },
      { source: ASK, outcome: 'sms', target: FAILURE_NODE_ID },
      { source: CHECK, outcome: 'true', target: SUCCESS_NODE_ID },
    ];
    assert.deepEqual(
      keepOutcomes(links, ASK, ['email', 'voice']).map((link) => link.outcome),
      [START_OUTCOME, 'email', 'true'],
    );
    assert.deepEqual(unlinkBox(links, ASK), [{ source: CHECK, outcome: 'true', target: SUCCESS_NODE_ID }]);
  });

  it('saves the tree as Frodo writes it: entry from the start link, connections, rounded positions', () => {
    const boxes = [...staticBoxes(), node(ASK, 'UsernameCollectorNode', ['outcome']), node(CHECK, 'DataStoreDecisionNode', ['true', 'false'])];
    const links = [
      { source: START_NODE_ID, outcome: START_OUTCOME, target: ASK },
      { source: ASK, outcome: 'outcome', target: CHECK },
      { source: CHECK, outcome: 'true', target: SUCCESS_NODE_ID },
      { source: CHECK, outcome: 'false', target: FAILURE_NODE_ID },
      { source: CHECK, outcome: 'gone', target: ASK },
    ];
    const tree = treeBody('Built', boxes, links);
    assert.equal(tree._id, 'Built');
    assert.equal(tree.entryNodeId, ASK);
    assert.deepEqual(tree.nodes, {
      [ASK]: { nodeType: 'UsernameCollectorNode', displayName: 'UsernameCollector', connections: { outcome: CHECK }, x: 200, y: 80 },
      [CHECK]: { nodeType: 'DataStoreDecisionNode', displayName: 'DataStoreDecision', connections: { true: SUCCESS_NODE_ID, false: FAILURE_NODE_ID }, x: 200, y: 80 },
    });
    assert.deepEqual(Object.keys(tree.staticNodes as object), [START_NODE_ID, SUCCESS_NODE_ID, FAILURE_NODE_ID]);
  });

  it("writes a node's config with its id and type", () => {
    assert.deepEqual(nodeBody(node(CHECK, 'ChoiceCollectorNode', ['a'], { choices: ['a'], _id: 'forged' })), { choices: ['a'], _id: CHECK, _type: { _id: 'ChoiceCollectorNode', name: 'ChoiceCollector', collection: true } });
  });

  it("gives a page its children's refs and the outcomes of its last child", () => {
    const page = node('p1', 'PageNode', ['outcome'], { nodes: [], pageHeader: {} });
    const filled = withChildren(page, [node(ASK, 'UsernameCollectorNode', ['outcome']), node(CHECK, 'DataStoreDecisionNode', ['true', 'false'])]);
    assert.deepEqual(filled.config, {
      nodes: [
        { _id: ASK, nodeType: 'UsernameCollectorNode', displayName: 'UsernameCollector' },
        { _id: CHECK, nodeType: 'DataStoreDecisionNode', displayName: 'DataStoreDecision' },
      ],
      pageHeader: {},
    });
    assert.deepEqual(filled.outcomes, ['true', 'false']);
    assert.deepEqual(withChildren(filled, []).outcomes, ['outcome'], 'an empty page has the one outcome');
    const unknown = withChildren(filled, [...(filled.children ?? []), node('p2', 'AttributeCollectorNode', [])]);
    assert.deepEqual(unknown.outcomes, ['true', 'false'], 'a last child whose outcomes are not known yet leaves the outcomes of the page as they were');
  });

  it('highlights the nodes a refused save names, and only those', () => {
    const boxes = [...staticBoxes(), node(ASK, 'UsernameCollectorNode', ['outcome']), node(CHECK, 'InnerTreeEvaluatorNode', ['true', 'false'])];
    const named = problemBoxes([`node ${CHECK} 'Inner Tree Evaluator' (InnerTreeEvaluatorNode) runs inner tree 'Nope', which does not exist`, 'the tree has no entry'], boxes);
    assert.deepEqual([...named], [CHECK]);
  });

  it("configures a page's child: its settings and display name in the page's refs, the page's outcomes those of its last child", () => {
    const attributes = node(ASK, 'AttributeCollectorNode', ['outcome'], { attributesToCollect: [] });
    const page = withChildren(node('p1', 'PageNode', ['outcome'], { nodes: [] }), [attributes, node(CHECK, 'ChoiceCollectorNode', ['yes', 'no'], { choices: ['yes', 'no'] })]);
    const named = withChild(page, ASK, (child) => ({ ...child, displayName: 'Your name', config: { attributesToCollect: ['givenName', 'sn'] } }));
    assert.deepEqual(named.children?.[0]?.config, { attributesToCollect: ['givenName', 'sn'] });
    assert.deepEqual(named.config.nodes, [
      { _id: ASK, nodeType: 'AttributeCollectorNode', displayName: 'Your name' },
      { _id: CHECK, nodeType: 'ChoiceCollectorNode', displayName: 'ChoiceCollector' },
    ]);
    assert.equal(named.displayName, 'Page', "the page keeps its own name");
    assert.deepEqual(named.outcomes, ['yes', 'no'], 'a child before the last leaves the outcomes of the page as they are');
    const more = withChild(named, CHECK, (child) => ({ ...child, config: { choices: ['yes', 'no', 'later'] }, outcomes: ['yes', 'no', 'later'] }));
    assert.deepEqual(more.outcomes, ['yes', 'no', 'later'], "the last child's new outcomes are the page's");
    assert.equal(withChild(page, 'not-a-child', (child) => ({ ...child, displayName: 'x' })), page);
  });

  it("moves a page's child up and down, never out of the page", () => {
    const children = [node('a', 'UsernameCollectorNode', ['outcome']), node('b', 'PasswordCollectorNode', ['outcome']), node('c', 'AttributeCollectorNode', ['outcome'])];
    assert.deepEqual(movedChild(children, 'c', -1).map((child) => child.id), ['a', 'c', 'b']);
    assert.deepEqual(movedChild(children, 'a', 1).map((child) => child.id), ['b', 'a', 'c']);
    assert.equal(movedChild(children, 'a', -1), children);
    assert.equal(movedChild(children, 'c', 1), children);
    assert.equal(movedChild(children, 'z', 1), children);
  });

  it("outlines the page whose child a refused save names, and shows the problem in the child's form only", () => {
    const child = node(ASK, 'AttributeCollectorNode', ['outcome']);
    const page = withChildren(node('p1', 'PageNode', ['outcome']), [node(CHECK, 'UsernameCollectorNode', ['outcome']), child]);
    const problems = refusalProblems(['attributesToCollect: must have at least 1 item'], 'Invalid config', child);
    assert.deepEqual(problems, [`AttributeCollector (${ASK}): attributesToCollect: must have at least 1 item`]);
    assert.deepEqual([...problemBoxes(problems, [...staticBoxes(), page])], ['p1']);
    assert.deepEqual(problemsNaming(problems, ASK), problems);
    assert.deepEqual(problemsNaming(problems, CHECK), []);
  });

  it("lists a refusal's reasons, else its message, naming the node whose write was refused", () => {
    assert.deepEqual(refusalProblems([], 'The tree has no entry'), ['The tree has no entry']);
    assert.deepEqual(refusalProblems([`node ${CHECK} is unreachable`], 'refused', { id: CHECK, displayName: 'Check' }), [`node ${CHECK} is unreachable`], 'a reason naming the node is kept as it is');
    assert.deepEqual(refusalProblems([], 'Invalid config', { id: CHECK, displayName: 'Check' }), [`Check (${CHECK}): Invalid config`]);
  });

  it('makes version 4 UUIDs, different each time', () => {
    const id = newNodeId();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(newNodeId(), id);
    assert.equal(newNodeId(new Uint8Array(16).fill(255)), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
