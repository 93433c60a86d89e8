/**
 * Scripted Decision nodes read ESV secrets on a whole Arbor: a legacy (1.0) script through an AM
 * label (`scripted.node.<name>`), a next-generation (2.0) one through the ESV name, both as UTF-8
 * and as bytes; a new value set over REST is read by the next run; a missing secret is an error
 * the script catches, naming the secret.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JourneyDefinition } from '../journeys/engine/tree-model.ts';
import { SUCCESS_NODE_ID } from '../journeys/engine/tree-model.ts';
import type { TestPlatform } from '../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../platform/testing/in-memory-platform.ts';
import { configScriptStore } from './script-store.ts';
import { jsScript } from './testing/script-fixtures.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!', 'content-type': 'application/json' };
const ENDPOINT = '/am/json/realms/root/realms/alpha/authenticate';

const LEGACY = [
  'var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action, javax.security.auth.callback.TextOutputCallback);',
  'var secret = secrets.getGenericSecret("scripted.node.risk.api.key");',
  'var key = secret.getAsUtf8();',
  'var seen = key === "first-K3y" ? "first" : key === "second-K3y" ? "second" : "other";',
  'with (fr) { action = Action.send(new TextOutputCallback(0, seen + " " + secret.getAsBytes().length)).build(); }',
].join('\n');

const NEXT_GENERATION = [
  'var secret = secrets.getGenericSecret("esv-risk-api-key");',
  'var key = secret.getAsUtf8();',
  'callbacksBuilder.textOutputCallback(0, (key === "first-K3y" ? "first" : key === "second-K3y" ? "second" : "other") + " " + secret.getAsBytes().length);',
].join('\n');

const MISSING = [
  'var told;',
  'try { secrets.getGenericSecret("scripted.node.not.there"); told = "no error"; } catch (e) { told = e.name + ": " + e.message; }',
  'callbacksBuilder.textOutputCallback(0, told);',
].join('\n');

function journey(name: string, script: string): JourneyDefinition {
  return {
    tree: { _id: name, entryNodeId: 'script', identityResource: 'managed/alpha_user', enabled: true, nodes: { script: { displayName: 'Script', nodeType: 'ScriptedDecisionNode', connections: { true: SUCCESS_NODE_ID } } } },
    nodes: { script: { _id: 'script', _type: { _id: 'ScriptedDecisionNode' }, script, outcomes: ['true'], inputs: ['*'], outputs: ['*'] } },
  };
}

describe('Scripted Decision nodes read ESV secrets', () => {
  let arbor: TestPlatform;

  /** The message of the TextOutputCallback the journey's first step sends. */
  async function told(tree: string): Promise<string> {
    const answer = await arbor.app.inject({ method: 'POST', url: `${ENDPOINT}?authIndexType=service&authIndexValue=${tree}`, headers: { 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(answer.statusCode, 200, answer.body);
    const [callback] = answer.json<{ callbacks: { type: string; output: { name: string; value: unknown }[] }[] }>().callbacks;
    assert.equal(callback?.type, 'TextOutputCallback', answer.body);
    return String(callback.output.find((output) => output.name === 'message')?.value);
  }

  async function setSecret(value: string): Promise<void> {
    const answer = await arbor.app.inject({ method: 'PUT', url: '/environment/secrets/esv-risk-api-key', headers: ADMIN, payload: JSON.stringify({ valueBase64: Buffer.from(value).toString('base64'), description: 'Risk API' }) });
    assert.ok(answer.statusCode === 201 || answer.statusCode === 200, answer.body);
  }

  before(async () => {
    arbor = await inMemoryPlatform();
    const scripts = configScriptStore(arbor.store.configs);
    await scripts.put('alpha', jsScript(LEGACY, { id: 'secret-legacy', version: '1.0' }));
    await scripts.put('alpha', jsScript(NEXT_GENERATION, { id: 'secret-next', version: '2.0' }));
    await scripts.put('alpha', jsScript(MISSING, { id: 'secret-missing', version: '2.0' }));
    await arbor.store.journeys.put('alpha', journey('SecretLegacy', 'secret-legacy'));
    await arbor.store.journeys.put('alpha', journey('SecretNext', 'secret-next'));
    await arbor.store.journeys.put('alpha', journey('SecretMissing', 'secret-missing'));
  });
  after(async () => arbor?.close());

  it('gives legacy and next-generation scripts the value, and the new one once it is replaced', async () => {
    await setSecret('first-K3y');
    assert.equal(await told('SecretLegacy'), 'first 9');
    assert.equal(await told('SecretNext'), 'first 9');
    await setSecret('second-K3y');
    assert.equal(await told('SecretLegacy'), 'second 10');
    assert.equal(await told('SecretNext'), 'second 10');
  });

  it('throws a catchable NoSuchSecretException naming the missing secret', async () => {
    assert.equal(await told('SecretMissing'), 'NoSuchSecretException: no secret esv-not-there is stored (asked for as "scripted.node.not.there")');
  });
});
