import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCapabilityRegistry } from '../../engine/capabilities.ts';
import { anyNode, outcomesOf } from '../../engine/define-node.ts';
import type { NodeServices } from '../../engine/node-context.ts';
import { parseNodeConfig } from '../../engine/parse-node-config.ts';
import { runNode, sentCallbacks, submit } from '../../engine/node-testing.ts';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { configCustomNodeStore } from './custom-script-node-store.ts';
import { createScriptingGateway } from '../../../platform/scripting/scripting-gateway-adapter.ts';
import { configScriptStore } from '../../../scripting/script-store.ts';
import { createScriptRunner } from '../../../scripting/script-runner.ts';
import { builtinNodes, createNodeRegistry } from '../registry.ts';
import { parseCustomNodeType } from './custom-script-node-definition.ts';
import { CUSTOM_NODE_TYPES, customScriptNode } from './custom-script-node.ts';
import { SCRIPTING } from './scripting-gateway.ts';

const runner = createScriptRunner();
const TYPE_ID = 'designer-5b4c2f1e9a7d4c3b8e6f0a1b2c3d4e5f';

function designerType(script: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: TYPE_ID,
    serviceName: TYPE_ID,
    displayName: 'Greeting check',
    description: 'Checks the greeting',
    script,
    outcomes: ['hello', 'other'],
    outputs: ['*'],
    inputs: ['*'],
    errorOutcome: false,
    tags: ['utilities'],
    properties: {
      greeting: { title: 'Greeting', description: '', type: 'STRING', required: true, defaultValue: 'hello', multivalued: false },
      limit: { title: 'Limit', description: '', type: 'NUMBER', required: false, defaultValue: 3, multivalued: false },
    },
    ...extra,
  };
}

async function setUp(json: Record<string, unknown>): Promise<NodeServices> {
  const test = await nodeTestServices();
  const parsed = parseCustomNodeType(json);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const store = configCustomNodeStore(test.store.configs);
  await store.put('alpha', parsed.type);
  const registry = createCapabilityRegistry();
  registry.register(SCRIPTING, createScriptingGateway({ scripts: configScriptStore(test.store.configs), realms: test.store.realms, runner, managedObjects: test.store.managedObjects, fetch, log: () => {} }));
  registry.register(CUSTOM_NODE_TYPES, { get: (realm, id) => store.get(realm.replace(/^\//, ''), id) });
  return { ...test.services, capabilities: registry.seal() };
}

const nodeConfig = (values: Record<string, unknown> = {}) => ({ _id: 'n1', _type: { _id: TYPE_ID, name: 'Greeting check' }, _outcomes: [{ id: 'hello', displayName: 'hello' }, { id: 'other', displayName: 'other' }], ...values });

describe('Node Designer custom nodes', () => {
  it('are found in the registry by their designer- type, with the outcomes their config lists', () => {
    const registry = createNodeRegistry([...builtinNodes, anyNode(customScriptNode)]);
    const definition = registry.get(TYPE_ID);
    assert.equal(definition, anyNode(customScriptNode));
    assert.equal(registry.get('designer-'), undefined);
    const parsed = parseNodeConfig(anyNode(customScriptNode), nodeConfig());
    assert.ok(parsed.ok);
    assert.deepEqual(outcomesOf(anyNode(customScriptNode), parsed.config), ['hello', 'other']);
  });

  it('runs the script with the properties’ defaults and leaves through the outcome it chose', async () => {
    const services = await setUp(designerType(['nodeState.putShared("limit", properties.limit);', 'action.goTo(properties.greeting === "hello" ? "hello" : "other");']));
    const run = await runNode(customScriptNode, { services, config: nodeConfig() });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: 'hello' });
    assert.equal(run.state.shared.limit, 3);
  });

  it('gives the script the values the node sets over the defaults', async () => {
    const services = await setUp(designerType('action.goTo(properties.greeting === "hello" ? "hello" : "other");'));
    const run = await runNode(customScriptNode, { services, config: nodeConfig({ greeting: 'bonjour' }) });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: 'other' });
  });

  it('sends the script’s callbacks and gives the answers back', async () => {
    const source = 'if (callbacks.isEmpty()) { callbacksBuilder.nameCallback(properties.greeting); } else { nodeState.putShared("said", callbacks.getNameCallbacks()[0]); action.goTo("hello"); }';
    const services = await setUp(designerType(source));
    const first = await runNode(customScriptNode, { services, config: nodeConfig() });
    const sent = sentCallbacks(first.action);
    assert.equal(sent[0]?.type, 'NameCallback');
    const second = await runNode(customScriptNode, { services, config: nodeConfig(), callbacks: submit(sent, ['hi']) });
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'hello' });
    assert.equal(second.state.shared.said, 'hi');
  });

  it('takes the error outcome when the script fails and the type declares one', async () => {
    const services = await setUp(designerType('throw new Error("boom");', { errorOutcome: true }));
    const run = await runNode(customScriptNode, { services, config: nodeConfig() });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: 'error' });
  });

  it('ends the journey in failure when the script fails and the type declares no error outcome', async () => {
    const services = await setUp(designerType('action.goTo("elsewhere");'));
    const run = await runNode(customScriptNode, { services, config: nodeConfig() });
    assert.equal(run.action.kind, 'fail');
  });

  it('refuses a definition that is not a Node Designer type or has no script', () => {
    assert.equal(parseCustomNodeType(designerType('x', { _id: 'MyNode' })).ok, false);
    assert.equal(parseCustomNodeType(designerType([])).ok, false);
  });
});
