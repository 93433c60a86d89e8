/** The journey drawing: boxes with their outcomes at the saved positions or laid out left to right, an arrow per outcome. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_NODE_ID, journeyGraph, JourneyGraphError, MAX_GRAPH_NODES, SAVED_X_SPREAD, START_NODE_ID, SUCCESS_NODE_ID } from './journey-graph-model.ts';

const PAGE = 'a1';
const CHECK = 'b2';

function tree(positions: boolean): Record<string, unknown> {
  const at = (x: number, y: number) => (positions ? { x, y } : {});
  return {
    _id: 'Login',
    entryNodeId: PAGE,
    nodes: {
      [PAGE]: { displayName: 'Page Node', nodeType: 'PageNode', connections: { outcome: CHECK }, ...at(150, 100) },
      [CHECK]: { displayName: 'Data Store Decision', nodeType: 'DataStoreDecisionNode', connections: { true: SUCCESS_NODE_ID, false: FAILURE_NODE_ID }, ...at(330, 100) },
    },
    staticNodes: { startNode: { x: 50, y: 25 }, [SUCCESS_NODE_ID]: { x: 500, y: 50 }, [FAILURE_NODE_ID]: { x: 500, y: 200 } },
  };
}

describe('journeyGraph', () => {
  it('draws every node with its outcomes, the start, success and failure, and one arrow per outcome', () => {
    const graph = journeyGraph(tree(true));
    assert.deepEqual(
      graph.nodes.map((node) => [node.id, node.kind, node.label, node.outcomes]),
      [
        [START_NODE_ID, 'start', 'Start', []],
        [PAGE, 'node', 'Page Node', ['outcome']],
        [CHECK, 'node', 'Data Store Decision', ['true', 'false']],
        [SUCCESS_NODE_ID, 'success', 'Success', []],
        [FAILURE_NODE_ID, 'failure', 'Failure', []],
      ],
    );
    assert.deepEqual(
      graph.edges.map((edge) => [edge.source, edge.label, edge.target]),
      [
        [START_NODE_ID, '', PAGE],
        [PAGE, 'outcome', CHECK],
        [CHECK, 'true', SUCCESS_NODE_ID],
        [CHECK, 'false', FAILURE_NODE_ID],
      ],
    );
  });

  it('keeps the positions the tree saved, spread wider as AM\'s boxes sit closer', () => {
    const graph = journeyGraph(tree(true));
    assert.equal(graph.laidOut, false);
    const at = (id: string) => graph.nodes.find((node) => node.id === id);
    assert.deepEqual([at(PAGE)?.x, at(PAGE)?.y], [150 * SAVED_X_SPREAD, 100]);
    assert.deepEqual([at(SUCCESS_NODE_ID)?.x, at(SUCCESS_NODE_ID)?.y], [500 * SAVED_X_SPREAD, 50]);
    assert.deepEqual([at(START_NODE_ID)?.x, at(START_NODE_ID)?.y], [50 * SAVED_X_SPREAD, 25]);
  });

  it('lays a tree without positions out left to right, each node right of what leads to it', () => {
    const graph = journeyGraph(tree(false));
    assert.equal(graph.laidOut, true);
    const x = (id: string) => graph.nodes.find((node) => node.id === id)?.x ?? Number.NaN;
    assert.ok(x(START_NODE_ID) < x(PAGE));
    assert.ok(x(PAGE) < x(CHECK));
    assert.ok(x(CHECK) < x(SUCCESS_NODE_ID));
    assert.equal(x(SUCCESS_NODE_ID), x(FAILURE_NODE_ID));
    const success = graph.nodes.find((node) => node.id === SUCCESS_NODE_ID);
    const failure = graph.nodes.find((node) => node.id === FAILURE_NODE_ID);
    assert.notEqual(success?.y, failure?.y, 'success and failure do not overlap');
  });

  it('lays out a tree whose nodes all sit at one saved spot (an export without a layout), as one without positions', () => {
    const stacked = tree(true);
    for (const node of Object.values(stacked.nodes as Record<string, Record<string, unknown>>)) Object.assign(node, { x: 0, y: 0 });
    const graph = journeyGraph(stacked);
    const x = (id: string) => graph.nodes.find((node) => node.id === id)?.x ?? Number.NaN;
    assert.ok(x(PAGE) < x(CHECK), 'the two nodes no longer overlap');
    assert.deepEqual(graph.nodes.map((node) => [node.x, node.y]), journeyGraph(tree(false)).nodes.map((node) => [node.x, node.y]));
  });

  it('survives a loop and ignores arrows to nodes the tree does not have', () => {
    const looped = tree(false);
    looped.nodes = {
      [PAGE]: { displayName: 'Page Node', nodeType: 'PageNode', connections: { outcome: CHECK } },
      [CHECK]: { nodeType: 'RetryLimitDecisionNode', connections: { Retry: PAGE, Reject: 'nowhere', __proto__: 'x' } },
    };
    const graph = journeyGraph(looped);
    assert.deepEqual(
      graph.edges.map((edge) => edge.label),
      ['', 'outcome', 'Retry'],
    );
    assert.deepEqual(graph.nodes.find((node) => node.id === CHECK)?.outcomes, ['Retry', 'Reject'], 'an outcome leading nowhere keeps its handle');
    assert.equal(graph.nodes.find((node) => node.id === CHECK)?.label, 'RetryLimitDecisionNode', 'a node without display name shows its type');
  });

  it('refuses what is not a tree, and trees too large to draw', () => {
    assert.throws(() => journeyGraph('Login'), (error: unknown) => error instanceof JourneyGraphError && error.code === 'NOT_A_TREE');
    const nodes = Object.fromEntries(Array.from({ length: MAX_GRAPH_NODES + 1 }, (_, index) => [`n${index}`, { nodeType: 'PageNode', connections: {} }]));
    assert.throws(() => journeyGraph({ entryNodeId: 'n0', nodes }), (error: unknown) => error instanceof JourneyGraphError && error.code === 'TOO_MANY_NODES');
  });
});
