import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editorJourney, existingTreeBody, innerJourney, journeyFingerprint, outcomesOf, savePlan, scriptOf, settingsOf, treeNodeRefs } from './editor-journey-model.ts';
import { withChild, withChildren } from './editor-model.ts';
import { FAILURE_NODE_ID, SAVED_X_SPREAD, START_NODE_ID, SUCCESS_NODE_ID } from './journey-graph-model.ts';

const PAGE = 'a1b2c3d4-0000-4000-8000-000000000001';
const NAME = 'a1b2c3d4-0000-4000-8000-000000000002';
const CHECK = 'a1b2c3d4-0000-4000-8000-000000000003';
const INNER = 'a1b2c3d4-0000-4000-8000-000000000004';

const tree = {
  _id: 'Login',
  _rev: '7',
  description: 'Sign in',
  identityResource: 'managed/alpha_user',
  enabled: true,
  innerTreeOnly: false,
  entryNodeId: PAGE,
  nodes: {
    [PAGE]: { nodeType: 'PageNode', displayName: 'Sign in page', connections: { outcome: CHECK }, x: 100, y: 40 },
    [CHECK]: { nodeType: 'DataStoreDecisionNode', displayName: 'Check', connections: { true: INNER, false: FAILURE_NODE_ID }, x: 300, y: 40 },
    [INNER]: { nodeType: 'InnerTreeEvaluatorNode', displayName: 'Profile', connections: { true: SUCCESS_NODE_ID, false: FAILURE_NODE_ID }, x: 500, y: 40 },
  },
  staticNodes: { startNode: { x: 0, y: 40 }, [SUCCESS_NODE_ID]: { x: 700, y: 0 }, [FAILURE_NODE_ID]: { x: 700, y: 120 } },
};

const configs = new Map<string, Record<string, unknown>>([
  [PAGE, { _id: PAGE, _type: { _id: 'PageNode' }, _rev: '1', _outcomes: [{ id: 'outcome', displayName: 'Outcome' }], pageHeader: {}, nodes: [{ _id: NAME, nodeType: 'UsernameCollectorNode', displayName: 'Name' }] }],
  [NAME, { _id: NAME, _type: { _id: 'UsernameCollectorNode' }, _outcomes: [{ id: 'outcome', displayName: 'Outcome' }] }],
  [CHECK, { _id: CHECK, _type: { _id: 'DataStoreDecisionNode' }, _outcomes: [{ id: 'true' }, { id: 'false' }] }],
  [INNER, { _id: INNER, _type: { _id: 'InnerTreeEvaluatorNode' }, _outcomes: [{ id: 'true' }, { id: 'false' }], tree: 'ProgressiveProfile', displayErrorOutcome: false }],
]);

describe('an existing journey in the editor', () => {
  it('reads a node config without AM’s _ fields, and its outcomes', () => {
    const config = configs.get(INNER) ?? {};
    assert.deepEqual(settingsOf(config), { tree: 'ProgressiveProfile', displayErrorOutcome: false });
    assert.deepEqual(outcomesOf(config), ['true', 'false']);
    assert.equal(outcomesOf({ _outcomes: 'no' }), undefined);
  });

  it('draws its nodes with their configs, outcomes and page children, its links and the entry', () => {
    const journey = editorJourney(tree, configs);
    assert.deepEqual(treeNodeRefs(tree).map((ref) => ref.nodeType), ['PageNode', 'DataStoreDecisionNode', 'InnerTreeEvaluatorNode']);
    const page = journey.boxes.find((box) => box.id === PAGE);
    assert.deepEqual(page?.children?.map((child) => [child.id, child.displayName, child.outcomes]), [[NAME, 'Name', ['outcome']]]);
    assert.equal(page?.displayName, 'Sign in page');
    assert.equal(page?.x, 100 * SAVED_X_SPREAD);
    assert.deepEqual(journey.boxes.find((box) => box.id === INNER)?.config, { tree: 'ProgressiveProfile', displayErrorOutcome: false });
    assert.deepEqual(
      journey.links.map((link) => `${link.source}:${link.outcome}>${link.target}`),
      [`${START_NODE_ID}:start>${PAGE}`, `${PAGE}:outcome>${CHECK}`, `${CHECK}:true>${INNER}`, `${CHECK}:false>${FAILURE_NODE_ID}`, `${INNER}:true>${SUCCESS_NODE_ID}`, `${INNER}:false>${FAILURE_NODE_ID}`],
    );
    assert.deepEqual(journey.base, { description: 'Sign in', identityResource: 'managed/alpha_user', enabled: true, innerTreeOnly: false });
  });

  it('saves back the same tree it read when nothing changed, and writes no node', () => {
    const journey = editorJourney(tree, configs);
    assert.deepEqual(savePlan(journey.boxes, journey.saved), { put: [], remove: [] });
    const body = existingTreeBody('Login', journey.boxes, journey.links, journey.base);
    const { _rev, ...expected } = tree;
    assert.deepEqual(body, { ...expected, uiConfig: {} });
  });

  it('writes only the changed nodes, a page’s children before it, and deletes the removed ones', () => {
    const journey = editorJourney(tree, configs);
    const boxes = journey.boxes
      .filter((box) => box.id !== INNER)
      .map((box) => (box.id === CHECK ? { ...box, displayName: 'Check again' } : box))
      .map((box) => (box.id === PAGE ? withChildren(box, [...(box.children ?? []), { id: 'new-child', kind: 'node' as const, nodeType: 'PasswordCollectorNode', displayName: 'Password', config: {}, outcomes: ['outcome'], x: 0, y: 0 }]) : box));
    const plan = savePlan(boxes, journey.saved);
    assert.deepEqual(plan.put.map((box) => box.id), ['new-child', PAGE, CHECK]);
    assert.deepEqual(plan.remove, [{ id: INNER, nodeType: 'InnerTreeEvaluatorNode' }]);
  });

  it('names the inner journey of an Inner Tree Evaluator and the script of a Scripted Decision', () => {
    assert.equal(innerJourney({ nodeType: 'InnerTreeEvaluatorNode', config: { tree: 'ProgressiveProfile' } }), 'ProgressiveProfile');
    assert.equal(innerJourney({ nodeType: 'PageNode', config: { tree: 'x' } }), '');
    assert.equal(scriptOf({ nodeType: 'ScriptedDecisionNode', config: { script: 'abc' } }), 'abc');
    assert.equal(scriptOf({ nodeType: 'ScriptedDecisionNode', config: { script: 4 } }), '');
    assert.equal(scriptOf({ nodeType: 'ConfigProviderNode', config: { script: 'provider', nodeType: 'MessageNode' } }), 'provider');
    assert.equal(scriptOf({ nodeType: 'PageNode', config: { script: 'abc' } }), '');
  });

  it("writes a page's child whose settings changed, before the page, and tells unsaved changes", () => {
    const journey = editorJourney(tree, configs);
    const read = journeyFingerprint(journey.boxes, journey.links);
    assert.equal(journeyFingerprint(structuredClone(journey.boxes), journey.links), read, 'what was read is saved');
    const boxes = journey.boxes.map((box) => (box.id === PAGE ? withChild(box, NAME, (child) => ({ ...child, config: { validateInput: true } })) : box));
    assert.deepEqual(savePlan(boxes, journey.saved).put.map((box) => box.id), [NAME], "only the child: the page's refs are unchanged");
    assert.notEqual(journeyFingerprint(boxes, journey.links), read, "a child's settings are a change");
    const moved = journey.boxes.map((box) => (box.id === CHECK ? { ...box, x: box.x + 40 } : box));
    assert.notEqual(journeyFingerprint(moved, journey.links), read, 'a moved node is a change');
    assert.notEqual(journeyFingerprint(journey.boxes, journey.links.slice(1)), read, 'a removed link is a change');
  });
});
