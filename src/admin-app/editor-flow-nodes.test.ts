/** The editor's boxes as canvas nodes: which can be deleted, positions read back, and the boxes a refused save names outlined. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boxesOf, childProblems, flowNode, highlightedNodes, NO_PROBLEM } from './editor-flow-nodes.ts';
import type { EditorBox } from './editor-model.ts';
import { staticBoxes, withChildren } from './editor-model.ts';

const ASK = '3c7a2f64-2a1f-4a7e-9c1c-0d5b8f0c9e11';
const CHECK = '9d1e0c2a-5b7f-4e3d-8a6b-1f2e3d4c5b6a';

function node(id: string, nodeType: string): EditorBox {
  return { id, kind: 'node', nodeType, displayName: nodeType.replace(/Node$/, ''), config: {}, outcomes: ['outcome'], x: 200, y: 80 };
}

describe('the journey editor canvas nodes', () => {
  it("lets a journey's nodes be deleted, never Start, Success or Failure", () => {
    const nodes = [...staticBoxes(), node(ASK, 'UsernameCollectorNode')].map((box) => flowNode(box, 'alpha'));
    assert.deepEqual(
      nodes.map((each) => [each.data.box.kind, each.deletable, each.className]),
      [
        ['start', false, 'box box-start'],
        ['success', false, 'box box-success'],
        ['failure', false, 'box box-failure'],
        ['node', true, 'box box-node'],
      ],
    );
  });

  it('reads the boxes back at the positions they were dragged to', () => {
    const dragged = { ...flowNode(node(ASK, 'UsernameCollectorNode'), 'alpha'), position: { x: 512.5, y: -40 } };
    const [box] = boxesOf([dragged]);
    assert.equal(box?.x, 512.5);
    assert.equal(box?.y, -40);
    assert.equal(box?.nodeType, 'UsernameCollectorNode');
  });

  it('outlines the page whose child a refused save names, marks that child, and leaves the other nodes as they were', () => {
    const page = withChildren(node('p1', 'PageNode'), [node(ASK, 'UsernameCollectorNode'), node(CHECK, 'PasswordCollectorNode')]);
    const nodes = [page, node('other', 'DataStoreDecisionNode')].map((box) => flowNode(box, 'alpha'));
    const problems = [`PasswordCollector (${CHECK}): invalid`];
    assert.deepEqual([...childProblems(page, problems)], [CHECK]);
    const drawn = highlightedNodes(nodes, new Set(['p1']), problems);
    assert.equal(drawn[0]?.className, 'box box-node box-problem');
    assert.deepEqual([...(drawn[0]?.data.childProblems ?? [])], [CHECK]);
    assert.equal(drawn[1], nodes[1], 'a node no problem names is the same node, not drawn again');
    const cleared = highlightedNodes(drawn, new Set(), []);
    assert.equal(cleared[0]?.className, 'box box-node', 'once the problems are gone, so is the outline');
    assert.equal(cleared[0]?.data.childProblems, NO_PROBLEM);
  });
});
