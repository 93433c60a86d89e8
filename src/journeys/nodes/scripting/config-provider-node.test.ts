import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCapabilityRegistry } from '../../engine/capabilities.ts';
import type { NodeServices } from '../../engine/node-context.ts';
import { anyNode, outcomesOf } from '../../engine/define-node.ts';
import { parseNodeConfig } from '../../engine/parse-node-config.ts';
import { runNode, sentCallbacks, submit } from '../../engine/node-testing.ts';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { createScriptingGateway } from '../../../platform/scripting/scripting-gateway-adapter.ts';
import { configScriptStore } from '../../../scripting/script-store.ts';
import { createScriptRunner } from '../../../scripting/script-runner.ts';
import { jsScript } from '../../../scripting/testing/script-fixtures.ts';
import { createNodeRegistry, builtinNodes } from '../registry.ts';
import { CONFIGURATION_FAILURE, createConfigProviderNode } from './config-provider-node.ts';
import { SCRIPTING } from './scripting-gateway.ts';

const runner = createScriptRunner();
const node = createConfigProviderNode(createNodeRegistry(builtinNodes));

async function setUp(scripts: Record<string, string>): Promise<NodeServices> {
  const test = await nodeTestServices({ users: [{ attributes: { userName: 'bob', mail: 'bob@example.com', givenName: 'Bob', sn: 'Smith' }, password: 'Secret-Passw0rd' }] });
  const store = configScriptStore(test.store.configs);
  for (const [id, source] of Object.entries(scripts)) await store.put('alpha', jsScript(source, { id, version: '2.0' }));
  const registry = createCapabilityRegistry();
  registry.register(SCRIPTING, createScriptingGateway({ scripts: store, realms: test.store.realms, runner, managedObjects: test.store.managedObjects, fetch, log: () => {} }));
  return { ...test.services, capabilities: registry.seal() };
}

describe('Configuration Provider', () => {
  it('has the imitated node’s outcomes and Configuration failure', () => {
    const parsed = parseNodeConfig(node, { script: 's', nodeType: 'MessageNode' });
    assert.ok(parsed.ok);
    assert.deepEqual(outcomesOf(anyNode(node), parsed.config), ['true', 'false', CONFIGURATION_FAILURE]);
  });

  it('runs a Message node with the message the script built, and leaves through its answer', async () => {
    const services = await setUp({ greet: 'config = { message: { en: "Hi " + nodeState.get("username") }, messageYes: { en: "Over 18" }, messageNo: { en: "Under 18" } };' });
    const config = { script: 'greet', nodeType: 'MessageNode', scriptInputs: ['username'] };
    const first = await runNode(node, { services, config, shared: { username: 'bob' } });
    const sent = sentCallbacks(first.action);
    assert.equal(sent[0]?.output[0]?.value, 'Hi bob');
    assert.deepEqual(sent[1]?.output.find((entry) => entry.name === 'options')?.value, ['Over 18', 'Under 18']);
    const second = await runNode(node, { services, config, shared: { username: 'bob' }, callbacks: submit(sent, [undefined, 1]) });
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'false' });
  });

  it('runs an Attribute Value Decision node with the config the script built', async () => {
    const services = await setUp({ check: 'config = { comparisonOperation: "EQUALS", comparisonAttribute: "mail", comparisonValue: nodeState.get("expected") };' });
    const config = { script: 'check', nodeType: 'AttributeValueDecisionNode' };
    const same = await runNode(node, { services, config, shared: { username: 'bob', expected: 'bob@example.com' } });
    assert.deepEqual(same.action, { kind: 'goTo', outcome: 'true' });
    const other = await runNode(node, { services, config, shared: { username: 'bob', expected: 'alice@example.com' } });
    assert.deepEqual(other.action, { kind: 'goTo', outcome: 'false' });
  });

  it('leaves through Configuration failure when the script throws', async () => {
    const services = await setUp({ broken: 'throw new Error("no config today");' });
    const run = await runNode(node, { services, config: { script: 'broken', nodeType: 'MessageNode' } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: CONFIGURATION_FAILURE });
  });

  it('leaves through Configuration failure when the script sets no config', async () => {
    const services = await setUp({ silent: 'var unused = 1;' });
    const run = await runNode(node, { services, config: { script: 'silent', nodeType: 'MessageNode' } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: CONFIGURATION_FAILURE });
  });

  it('leaves through Configuration failure when the config does not fit the imitated node', async () => {
    const services = await setUp({ wrong: 'config = { message: "not a locale map", stateField: 42 };' });
    const run = await runNode(node, { services, config: { script: 'wrong', nodeType: 'MessageNode' } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: CONFIGURATION_FAILURE });
  });

  it('leaves through Configuration failure when the imitated type is unknown', async () => {
    const services = await setUp({ any: 'config = {};' });
    const run = await runNode(node, { services, config: { script: 'any', nodeType: 'NoSuchNode' } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: CONFIGURATION_FAILURE });
  });
});
