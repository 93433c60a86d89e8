/** The editor's links as canvas edges: one per outcome, leaving from its handle, styled by the box it reaches. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MarkerType } from '@xyflow/react';
import { flowEdges, linkId } from './editor-flow-edges.ts';
import { flowNode } from './editor-flow-nodes.ts';
import type { EditorBox } from './editor-model.ts';
import { START_OUTCOME, staticBoxes } from './editor-model.ts';
import { FAILURE_NODE_ID, START_NODE_ID, SUCCESS_NODE_ID } from './journey-graph-model.ts';

const CHECK = '9d1e0c2a-5b7f-4e3d-8a6b-1f2e3d4c5b6a';

describe('the journey editor canvas edges', () => {
  it('draws each link from its outcome handle with an arrow, styled by the box it reaches, keeping the selection', () => {
    const check: EditorBox = { id: CHECK, kind: 'node', nodeType: 'DataStoreDecisionNode', displayName: 'Check', config: {}, outcomes: ['true', 'false'], x: 0, y: 0 };
    const nodes = [...staticBoxes(), check].map((box) => flowNode(box, 'alpha'));
    const toSuccess = { source: CHECK, outcome: 'true', target: SUCCESS_NODE_ID };
    const links = [{ source: START_NODE_ID, outcome: START_OUTCOME, target: CHECK }, toSuccess, { source: CHECK, outcome: 'false', target: FAILURE_NODE_ID }];
    const edges = flowEdges(links, nodes, new Set([`${CHECK}:false`]));
    assert.deepEqual(
      edges.map((edge) => [edge.id, edge.source, edge.sourceHandle, edge.target, edge.className, edge.selected]),
      [
        [`${START_NODE_ID}:${START_OUTCOME}`, START_NODE_ID, START_OUTCOME, CHECK, 'edge-to-node', false],
        [`${CHECK}:true`, CHECK, 'true', SUCCESS_NODE_ID, 'edge-to-success', false],
        [`${CHECK}:false`, CHECK, 'false', FAILURE_NODE_ID, 'edge-to-failure', true],
      ],
    );
    assert.ok(edges.every((edge) => typeof edge.markerEnd === 'object' && edge.markerEnd.type === MarkerType.ArrowClosed));
    assert.equal(linkId(toSuccess), `${CHECK}:true`, 'one id per outcome of a box');
  });
});
