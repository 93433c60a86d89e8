import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { validateJourney } from '../engine/validate-journey.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from '../engine/tree-model.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { builtinNodes, createNodeRegistry } from '../nodes/registry.ts';
import { defaultJourneys } from './default-journeys.ts';

const registry = createNodeRegistry(builtinNodes);

/** The node types along the path success takes, page children in brackets. */
function shape(journey: JourneyDefinition): string[] {
  const steps: string[] = [];
  for (let id = journey.tree.entryNodeId; id !== SUCCESS_NODE_ID; ) {
    const entry = journey.tree.nodes[id];
    assert.ok(entry, `node ${id} missing`);
    const children = journey.nodes[id]?.nodes;
    steps.push(Array.isArray(children) ? `${entry.nodeType}[${children.map((c: { nodeType: string }) => c.nodeType).join(',')}]` : entry.nodeType);
    id = entry.connections.true ?? entry.connections.outcome ?? SUCCESS_NODE_ID;
  }
  return steps;
}

describe('default journeys', () => {
  for (const realm of ['alpha', 'root']) {
    it(`${realm}/Login is valid against the real node types`, async () => {
      const [login, ...others] = await defaultJourneys(realm);
      assert.ok(login);
      assert.deepEqual(others, []);
      assert.deepEqual(await validateJourney(login, { registry, treeExists: () => false }), []);
      assert.deepEqual(shape(login), ['PageNode[ValidatedUsernameNode,ValidatedPasswordNode]', 'DataStoreDecisionNode', 'IncrementLoginCountNode']);
      const decision = Object.values(login.tree.nodes).find((entry) => entry.nodeType === 'DataStoreDecisionNode');
      assert.equal(decision?.connections.false, FAILURE_NODE_ID);
      const page = login.nodes[login.tree.entryNodeId];
      assert.deepEqual(page?.pageHeader, { en: 'Sign In' });
    });
  }

  it('alpha/Login reuses the Identity Cloud sample ids and page, without the inner tree', async () => {
    const sample = JSON.parse(await readFile(new URL('../../../../shared/forgerock-sample-trees/identity-cloud-standard/Login.journey.json', import.meta.url), 'utf8')) as {
      nodes: Record<string, Record<string, unknown>>;
      innerNodes: Record<string, Record<string, unknown>>;
    };
    const [login] = await defaultJourneys('alpha');
    assert.ok(login);
    assert.equal(login.tree.identityResource, 'managed/alpha_user');
    const sampleIds = [...Object.keys(sample.nodes), ...Object.keys(sample.innerNodes)];
    const inner = '33b24514-3e50-4180-8f08-ab6f4e51b07e';
    assert.deepEqual(Object.keys(login.nodes).sort(), sampleIds.filter((id) => id !== inner).sort());
    const page = login.nodes[login.tree.entryNodeId];
    const samplePage = sample.nodes[login.tree.entryNodeId];
    assert.deepEqual(page?.pageDescription, samplePage?.pageDescription);
    assert.match(String((page?.pageDescription as { en?: unknown }).en), /#\/service\/Registration.*#\/service\/ForgottenUsername.*#\/service\/ResetPassword/);
    assert.deepEqual(page?.nodes, samplePage?.nodes);
  });

  it('root/Login is for administrators: managed/user, fresh ids, no registration links', async () => {
    const [root] = await defaultJourneys('root');
    const [alpha] = await defaultJourneys('alpha');
    assert.ok(root && alpha);
    assert.equal(root.tree.identityResource, 'managed/user');
    const shared = Object.keys(root.nodes).filter((id) => Object.hasOwn(alpha.nodes, id));
    assert.deepEqual(shared, []);
    assert.doesNotMatch(JSON.stringify(root), /#\/service\//);
  });
});
