import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCookie } from '../../http/cookies.ts';
import { createCapabilityRegistry } from '../../journeys/engine/capabilities.ts';
import type { NodeServices } from '../../journeys/engine/node-context.ts';
import { isArborCookie } from '../../journeys/engine/response-cookie.ts';
import { runNode, sentCallbacks, submit } from '../../journeys/engine/node-testing.ts';
import { scriptedDecisionNode } from '../../journeys/nodes/scripting/scripted-decision-node.ts';
import { configScriptStore } from '../../scripting/script-store.ts';
import { createScriptRunner } from '../../scripting/script-runner.ts';
import { SCRIPTING } from '../../journeys/nodes/scripting/scripting-gateway.ts';
import type { ScriptingSettings } from '../../scripting/scripting-settings.ts';
import { jsScript } from '../../scripting/testing/script-fixtures.ts';
import { nodeTestServices } from '../testing/node-test-services.ts';
import type { ScriptLogEntry } from './scripting-gateway-adapter.ts';
import { createScriptingGateway } from './scripting-gateway-adapter.ts';

const runner = createScriptRunner();

async function setUp(scripts: Record<string, { source: string; version?: '1.0' | '2.0'; language?: 'JAVASCRIPT' | 'GROOVY' }>, scripting: ScriptingSettings = {}) {
  const test = await nodeTestServices({ users: [{ attributes: { userName: 'bob', mail: 'bob@example.com', givenName: 'Bob', sn: 'Smith' }, password: 'Secret-Passw0rd' }] });
  const store = configScriptStore(test.store.configs);
  for (const [id, script] of Object.entries(scripts)) await store.put('alpha', jsScript(script.source, { id, ...(script.version === undefined ? {} : { version: script.version }), ...(script.language === undefined ? {} : { language: script.language }) }));
  const alpha = await test.store.realms.get('alpha');
  assert.ok(alpha !== undefined);
  await test.store.realms.put({ ...alpha, scripting: { timeoutMs: 300, ...scripting } });
  const log: ScriptLogEntry[] = [];
  const registry = createCapabilityRegistry();
  registry.register(SCRIPTING, createScriptingGateway({ scripts: store, realms: test.store.realms, runner, managedObjects: test.store.managedObjects, fetch, log: (entry) => log.push(entry) }));
  const services: NodeServices = { ...test.services, capabilities: registry.seal() };
  return { test, services, log };
}

describe('Scripted Decision', () => {
  it('leaves through the outcome a legacy script chose, with the state it wrote', async () => {
    const { services } = await setUp({ decide: { source: 'sharedState.put("checked", true); outcome = sharedState.get("username") === "bob" ? "known" : "unknown";' } });
    const run = await runNode(scriptedDecisionNode, { services, config: { script: 'decide', outcomes: ['known', 'unknown'] }, shared: { username: 'bob' } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: 'known' });
    assert.deepEqual(run.state.shared, { username: 'bob', checked: true });
  });

  it('sends the script’s callbacks as the step and gives the answers back on the next run', async () => {
    const source = 'if (callbacks.isEmpty()) { callbacksBuilder.nameCallback("Nickname"); action.goTo("none"); } else { nodeState.putShared("nickname", callbacks.getNameCallbacks()[0]); action.goTo("done"); }';
    const { services } = await setUp({ ask: { source, version: '2.0' } });
    const config = { script: 'ask', outcomes: ['done'] };
    const first = await runNode(scriptedDecisionNode, { services, config });
    const sent = sentCallbacks(first.action);
    assert.deepEqual(sent.map((callback) => callback.type), ['NameCallback']);
    const second = await runNode(scriptedDecisionNode, { services, config, callbacks: submit(sent, ['bobby']) });
    assert.deepEqual(second.action, { kind: 'goTo', outcome: 'done' });
    assert.equal(second.state.shared.nickname, 'bobby');
  });

  it('queries, reads and patches managed users through openidm, and reads attributes through idRepository', async () => {
    const source = [
      'var found = openidm.query("managed/alpha_user", { _queryFilter: "userName eq \\"bob\\"" });',
      'var user = openidm.read("managed/alpha_user/" + found.result[0]._id);',
      'openidm.patch("managed/alpha_user/" + user._id, null, [{ operation: "replace", field: "/description", value: "scripted" }]);',
      'nodeState.putShared("mail", user.mail); nodeState.putShared("hasPassword", Object.keys(user).indexOf("password") >= 0);',
      'nodeState.putShared("description", idRepository.getAttributeValues("bob", "description")[0]);',
      'action.goTo("true");',
    ].join('\n');
    const { services, test } = await setUp({ idm: { source, version: '2.0' } });
    const run = await runNode(scriptedDecisionNode, { services, config: { script: 'idm', outcomes: ['true'] } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: 'true' });
    assert.deepEqual(run.state.shared, { mail: 'bob@example.com', hasPassword: false, description: 'scripted' });
    assert.equal((await test.stored(test.userIds[0] ?? ''))?.data.description, 'scripted');
  });

  it('fails the journey with a log line naming the script when it throws, loops, is missing, is Groovy or chooses an undeclared outcome', async () => {
    const { services, log } = await setUp({
      thrower: { source: 'throw new Error("boom");' },
      looper: { source: 'for (;;) {}' },
      groovy: { source: 'outcome = "true"', language: 'GROOVY' },
      stray: { source: 'outcome = "elsewhere";' },
    });
    for (const [script, code] of [['thrower', 'SCRIPT_ERROR'], ['looper', 'SCRIPT_TIMEOUT'], ['missing', 'SCRIPT_NOT_FOUND'], ['groovy', 'SCRIPT_LANGUAGE_UNSUPPORTED'], ['stray', 'SCRIPT_OUTCOME_UNDECLARED']] as const) {
      const run = await runNode(scriptedDecisionNode, { services, config: { script, outcomes: ['true'] } });
      assert.deepEqual(run.action, { kind: 'fail' }, script);
      const line = log.at(-1);
      assert.equal(line?.code, code, script);
      assert.equal(line?.realm, 'alpha');
      assert.match(line?.script ?? '', new RegExp(script));
    }
    const fine = await setUp({ ok: { source: 'outcome = "true";' } });
    assert.deepEqual((await runNode(scriptedDecisionNode, { services: fine.services, config: { script: 'ok', outcomes: ['true'] } })).action, { kind: 'goTo', outcome: 'true' });
  });

  it('refuses hosts off the realm’s allow-list, which the script can catch', async () => {
    const source = 'try { httpClient.send("http://127.0.0.1:1/").get(); action.goTo("reached"); } catch (e) { logger.error(e.message); action.goTo("refused"); }';
    const { services, log } = await setUp({ http: { source, version: '2.0' } }, { httpAllowList: ['api.example.com'] });
    const run = await runNode(scriptedDecisionNode, { services, config: { script: 'http', outcomes: ['reached', 'refused'] } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: 'refused' });
    assert.match(log.at(-1)?.message ?? '', /not on the realm's scripting.httpAllowList/);
  });

  it('binds the request cookies the script names as requestCookies, never the session cookie nor Arbor’s own', async () => {
    const header = 'iPlanetDirectoryPro=session-token; arbor-lang=fr; deviceId=d%20123; unread=1';
    // The reader the request facts give nodes (`src/http/request-facts.ts`).
    const cookie = (name: string) => (isArborCookie(name, 'iPlanetDirectoryPro') ? undefined : readCookie(header, name));
    const source = [
      'sharedState.put("device", requestCookies.get("deviceId"));',
      'sharedState.put("session", requestCookies.get("iPlanetDirectoryPro"));',
      'sharedState.put("lang", requestCookies.get("arbor-lang"));',
      'sharedState.put("count", requestCookies.size());',
      'outcome = requestCookies.containsKey("absent") ? "false" : "true";',
    ].join('\n');
    const { services } = await setUp({ cookies: { source } });
    const run = await runNode(scriptedDecisionNode, { services, config: { script: 'cookies', outcomes: ['true', 'false'] }, request: { cookie } });
    assert.deepEqual(run.action, { kind: 'goTo', outcome: 'true' });
    assert.deepEqual(run.state.shared, { device: 'd 123', session: null, lang: null, count: 1 });
    const next = await setUp({ ng: { source: 'nodeState.putShared("device", requestCookies.get("deviceId")); action.goTo("true");', version: '2.0' } });
    const nextRun = await runNode(scriptedDecisionNode, { services: next.services, config: { script: 'ng', outcomes: ['true'] }, request: { cookie } });
    assert.equal(nextRun.state.shared.device, 'd 123');
  });
});
