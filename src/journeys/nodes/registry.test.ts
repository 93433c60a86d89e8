import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import { defineNode, outcomesOf } from '../engine/define-node.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { anyNode, builtinNodes, createNodeRegistry } from './registry.ts';

/** The fields a node type requires (no ForgeRock default); every other type parses `{}`. */
const requiredFields: Record<string, Record<string, unknown>> = {
  InnerTreeEvaluatorNode: { tree: 'PlatformProgressiveProfile' },
  ChoiceCollectorNode: { choices: ['one', 'two'] },
};

/** Node configs exactly as ForgeRock exports them (am-sample-trees, Frodo, platform-ui fixtures). */
const exported: Record<string, unknown>[] = [
  { _id: '7354982f', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'ValidatedUsernameNode', collection: true, name: 'Platform Username' }, usernameAttribute: 'userName', validateInput: false },
  { _id: '009c19c8', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'ValidatedPasswordNode', collection: true, name: 'Platform Password' }, passwordAttribute: 'password', validateInput: true },
  { _id: '2998c1c9', _rev: '-656534578', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'DataStoreDecisionNode', collection: true, name: 'Data Store Decision' } },
  { _id: 'bba3e0d8', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'IncrementLoginCountNode', collection: true, name: 'Increment Login Count' }, identityAttribute: 'userName' },
  { _id: '33b24514', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'InnerTreeEvaluatorNode', collection: true, name: 'Inner Tree Evaluator' }, tree: 'PlatformProgressiveProfile' },
  { _id: '6364d3f0', _outcomes: [{ displayName: 'Retry', id: 'Retry' }, { displayName: 'Reject', id: 'Reject' }], _type: { _id: 'RetryLimitDecisionNode', collection: true, name: 'Retry Limit Decision' }, incrementUserAttributeOnFailure: true, retryLimit: 3 },
  { _id: '219397d3', _rev: '1373443836', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'MessageNode', collection: true, name: 'Message Node' }, message: { en: 'Try again?' }, messageNo: { en: 'Leave' }, messageYes: { en: 'Try again' } },
  { _id: 'f457c545', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'PageNode', collection: true, name: 'Page Node' }, nodes: [{ _id: '67c6a1e7', displayName: 'Platform Username', nodeType: 'ValidatedUsernameNode' }], pageDescription: {}, pageHeader: { en: 'Sign In' }, stage: 'null' },
];

describe('builtinNodes', () => {
  it('have unique type ids', () => {
    const types = builtinNodes.map((definition) => definition.type);
    assert.equal(new Set(types).size, types.length, types.join(', '));
  });

  it('parse their default config (plus required fields) and have outcomes', () => {
    for (const definition of builtinNodes) {
      const parsed = parseNodeConfig(definition, requiredFields[definition.type] ?? {});
      assert.ok(parsed.ok, `${definition.type}: ${parsed.ok ? '' : parsed.errors.join('; ')}`);
      assert.ok(outcomesOf(definition, parsed.config).length > 0, definition.type);
      assert.ok(definition.displayName !== '' && definition.description !== '', definition.type);
    }
  });

  it('need exactly the required fields listed above', () => {
    for (const type of Object.keys(requiredFields)) {
      const definition = builtinNodes.find((candidate) => candidate.type === type);
      assert.ok(definition !== undefined, type);
      assert.equal(parseNodeConfig(definition, {}).ok, false, `${type} parses without its required fields`);
    }
  });

  it('parse real ForgeRock exports, whose outcome ids they declare', () => {
    const registry = createNodeRegistry(builtinNodes);
    for (const raw of exported) {
      const type = (raw['_type'] as { _id: string })._id;
      const definition = registry.get(type);
      assert.ok(definition !== undefined, type);
      const parsed = parseNodeConfig(definition, raw);
      assert.ok(parsed.ok, `${type}: ${parsed.ok ? '' : parsed.errors.join('; ')}`);
      const ids = (raw['_outcomes'] as { id: string }[]).map((outcome) => outcome.id);
      assert.deepEqual(outcomesOf(definition, parsed.config), ids, type);
    }
  });
});

describe('createNodeRegistry', () => {
  it('finds definitions by type and lists them in order', () => {
    const registry = createNodeRegistry(builtinNodes);
    assert.equal(registry.get('ValidatedUsernameNode')?.displayName, 'Platform Username');
    assert.equal(registry.get('NoSuchNode'), undefined);
    assert.deepEqual(registry.list().map((definition) => definition.type), builtinNodes.map((definition) => definition.type));
    registry.list().pop();
    assert.equal(registry.list().length, builtinNodes.length, 'list() returns a copy');
  });

  it('refuses two definitions of the same type', () => {
    const twin = anyNode(defineNode({ type: 'PageNode', displayName: 'Twin', category: 'structure', description: 'test', config: Type.Object({}), outcomes: ['outcome'], process: () => goTo('outcome') }));
    assert.throws(() => createNodeRegistry([...builtinNodes, twin]), /PageNode is registered twice/);
  });
});
