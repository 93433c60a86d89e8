/** Node Designer node types in journey import and export: stored with their trees, refused when missing or bad, written back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storeWithJourneys } from '../../store/memory/testing/store-with-journeys.ts';
import { anyNode } from '../engine/define-node.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { configCustomNodeStore } from '../nodes/scripting/custom-script-node-store.ts';
import { customScriptNode } from '../nodes/scripting/custom-script-node.ts';
import { builtinNodes, createNodeRegistry } from '../nodes/registry.ts';
import { exportJourneys } from './export-journeys.ts';
import { importJourneys } from './import-journeys.ts';
import { buildJourney, F, S } from './testing/build-journey.ts';

const TYPE_ID = 'designer-0f3e2d1c4b5a69788796a5b4c3d2e1f0';
const registry = createNodeRegistry([...builtinNodes, anyNode(customScriptNode)]);

const customType = {
  _id: TYPE_ID,
  serviceName: TYPE_ID,
  displayName: 'Risk check',
  description: 'Asks the risk service',
  outcomes: ['low', 'high'],
  outputs: ['risk'],
  inputs: ['username'],
  script: ['var level = properties.threshold > 5 ? "high" : "low";', 'action.goTo(level);'],
  errorOutcome: true,
  tags: ['risk'],
  properties: { threshold: { title: 'Threshold', description: 'When the risk is high', type: 'NUMBER', required: true, defaultValue: 3, multivalued: false } },
};

function journey(name: string): JourneyDefinition {
  return buildJourney(name, 'c1', {
    c1: {
      type: TYPE_ID,
      connections: { low: S, high: F, error: F },
      config: { threshold: 7, _outcomes: [{ id: 'low', displayName: 'low' }, { id: 'high', displayName: 'high' }, { id: 'error', displayName: 'Error' }] },
    },
  });
}

function frodoWith(definition: JourneyDefinition, nodeTypes: Record<string, unknown> | undefined): unknown {
  const exported = JSON.parse(JSON.stringify(exportJourneys([definition], { format: 'frodo' }))) as { trees: Record<string, Record<string, unknown>> };
  const tree = exported.trees[definition.tree._id];
  assert.ok(tree);
  if (nodeTypes !== undefined) tree.nodeTypes = nodeTypes;
  return exported;
}

describe('Node Designer node types in journey import and export', () => {
  it('imports a tree with its custom node type, stores the type and writes it back on export', async () => {
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [{ name: 'risk.json', json: frodoWith(journey('Risk'), { [TYPE_ID]: customType }) }] });
    assert.deepEqual(report.trees.map((tree) => [tree.name, tree.status]), [['Risk', 'imported']]);
    assert.deepEqual(report.customNodes, [{ id: TYPE_ID, name: 'Risk check', file: 'risk.json' }]);
    const stored = await configCustomNodeStore(store.configs).get('alpha', TYPE_ID);
    assert.equal(stored?.script, customType.script.join('\n'));
    assert.deepEqual(stored?.outcomes, ['low', 'high']);

    const definition = await store.journeys.get('alpha', 'Risk');
    assert.ok(definition);
    const exported = exportJourneys([definition], { format: 'frodo', customNodes: new Map(stored === undefined ? [] : [[TYPE_ID, stored]]) });
    assert.deepEqual(exported.trees.Risk?.nodeTypes?.[TYPE_ID]?.properties, customType.properties);
  });

  it('refuses a tree whose custom node type is neither carried nor stored', async () => {
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [{ name: 'risk.json', json: frodoWith(journey('Risk'), undefined) }] });
    const result = report.trees[0];
    assert.equal(result?.status, 'refused');
    assert.deepEqual(result?.status === 'refused' ? result.problems.map((problem) => problem.code) : [], ['CUSTOM_NODE_MISSING']);
    assert.equal(await configCustomNodeStore(store.configs).get('alpha', TYPE_ID), undefined);
  });

  it('refuses a tree carrying a custom node type without a script', async () => {
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [{ name: 'risk.json', json: frodoWith(journey('Risk'), { [TYPE_ID]: { ...customType, script: [] } }) }] });
    const result = report.trees[0];
    assert.deepEqual(result?.status === 'refused' ? result.problems.map((problem) => problem.code) : [], ['CUSTOM_NODE_INVALID']);
  });
});
