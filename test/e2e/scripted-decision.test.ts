/**
 * Journeys with Scripted Decision nodes driven by the unmodified ForgeRock JavaScript SDK against
 * a real Arbor server on loopback: a legacy script (`sharedState`, `JavaImporter` and
 * `Action.send(new NameCallback(…))`, then `outcome = "true"`), a next-generation script
 * (`nodeState`, `callbacksBuilder`, `action.goTo`, `httpClient` to a loopback server on the realm's
 * allow-list, `openidm.query`), and a runaway script whose journey fails cleanly, with a log line,
 * while other sign-ins go on.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { ConfirmationCallback, NameCallback } from '@forgerock/javascript-sdk';
import type { CliContext } from '../../src/cli/command.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { runCli } from '../../src/main.ts';
import { announceWrites } from '../../src/platform/announce-writes.ts';
import { defaultCapabilities } from '../../src/platform/capabilities.ts';
import { createPlatform } from '../../src/platform/create-platform.ts';
import type { Platform } from '../../src/platform/create-platform.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import { createScriptingCapability } from '../../src/platform/scripting/scripting-capability.ts';
import type { ScriptLogEntry } from '../../src/platform/scripting/scripting-gateway-adapter.ts';
import type { AmScript } from '../../src/scripting/am-script.ts';
import { configScriptStore } from '../../src/scripting/script-store.ts';
import { asFailure, asStep, asSuccess, buildJourney, callbackTypes, importJourneyJson, startStep, submitCredentials, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';

const PASSWORD = 'Secret-Passw0rd';

function script(id: string, version: '1.0' | '2.0', source: string): AmScript {
  return {
    _id: id,
    name: id,
    description: '',
    script: Buffer.from(source, 'utf8').toString('base64'),
    language: 'JAVASCRIPT',
    context: 'AUTHENTICATION_TREE_DECISION_NODE',
    evaluatorVersion: version,
    default: false,
    createdBy: 'test',
    creationDate: 1,
    lastModifiedBy: 'test',
    lastModifiedDate: 1,
  };
}

const LEGACY = [
  'var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action, javax.security.auth.callback.NameCallback);',
  'with (fr) {',
  '  if (callbacks.isEmpty()) {',
  '    action = Action.send(new NameCallback("Favourite colour of " + sharedState.get("username"))).build();',
  '  } else {',
  '    sharedState.put("colour", callbacks.get(0).getName());',
  '    outcome = callbacks.get(0).getName() === "green" ? "true" : "false";',
  '  }',
  '}',
].join('\n');

const NEXT_GENERATION = [
  'var username = nodeState.get("username");',
  'if (callbacks.isEmpty()) {',
  '  callbacksBuilder.textOutputCallback(0, "Checking the risk for " + username);',
  '  callbacksBuilder.confirmationCallback(0, ["Continue", "Cancel"], 0);',
  '} else if (callbacks.getConfirmationCallbacks()[0] !== 0) {',
  '  action.goTo("cancelled");',
  '} else {',
  '  var risk = httpClient.send(systemEnv.getProperty("esv.risk.url") + "/risk?user=" + encodeURIComponent(username), { method: "GET" }).get().json();',
  '  var found = openidm.query("managed/alpha_user", { _queryFilter: "userName eq \\"" + username + "\\"" }, ["mail"]);',
  '  nodeState.putShared("risk", risk.level);',
  '  action.goTo(risk.level === "low" && found.resultCount === 1 && found.result[0].mail === username + "@example.com" ? "low" : "high");',
  '}',
].join('\n');

function signInPage(next: string) {
  return [
    { key: 'page', type: 'PageNode', config: { pageHeader: { en: 'Sign In' }, pageDescription: {}, stage: '' }, children: [{ key: 'name', type: 'UsernameCollectorNode' }, { key: 'password', type: 'PasswordCollectorNode' }], connections: { outcome: 'check' } },
    { key: 'check', type: 'DataStoreDecisionNode', connections: { true: next, false: 'failure' } },
  ];
}

const journeys = {
  ScriptedLegacy: buildJourney('ScriptedLegacy', 'managed/alpha_user', [
    ...signInPage('script'),
    { key: 'script', type: 'ScriptedDecisionNode', config: { script: 'legacy-colour', outcomes: ['true', 'false'], outputs: ['*'], inputs: ['*'] }, connections: { true: 'success', false: 'failure' } },
  ]),
  ScriptedNextGen: buildJourney('ScriptedNextGen', 'managed/alpha_user', [
    ...signInPage('script'),
    { key: 'script', type: 'ScriptedDecisionNode', config: { script: 'next-risk', outcomes: ['low', 'high', 'cancelled'], outputs: ['risk'], inputs: ['username'] }, connections: { low: 'success', high: 'failure', cancelled: 'failure' } },
  ]),
  ScriptedRunaway: buildJourney('ScriptedRunaway', 'managed/alpha_user', [
    ...signInPage('script'),
    { key: 'script', type: 'ScriptedDecisionNode', config: { script: 'runaway', outcomes: ['true'] }, connections: { true: 'success' } },
  ]),
};

describe('Scripted Decision journeys through the ForgeRock SDK', () => {
  const log: ScriptLogEntry[] = [];
  const riskRequests: string[] = [];
  const risk = createServer((request, response) => {
    riskRequests.push(request.url ?? '');
    const user = new URL(request.url ?? '/', 'http://risk').searchParams.get('user');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ level: user === 'alice' ? 'low' : 'high' }));
  });
  let platform: Platform;
  let server: TestServer;
  let dataDir = '';

  before(async () => {
    await new Promise<void>((resolve) => risk.listen(0, '127.0.0.1', resolve));
    const riskPort = (risk.address() as AddressInfo).port;
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-e2e-'));
    const env: Record<string, string | undefined> = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' };
    const settings = loadServerSettings(env, dataDir);
    const clock = { now: () => Date.now() };
    const quiet = (): void => {};
    const store = await openPlatformStore(settings, quiet, { clock });
    // The scripts and the realm's scripting settings are written before the server starts.
    const scripts = configScriptStore(store.configs);
    await scripts.put('alpha', script('legacy-colour', '1.0', LEGACY));
    await scripts.put('alpha', script('next-risk', '2.0', NEXT_GENERATION));
    await scripts.put('alpha', script('runaway', '1.0', 'while (true) {}'));
    const alpha = await store.realms.get('alpha');
    assert.ok(alpha !== undefined);
    await store.realms.put({ ...alpha, scripting: { timeoutMs: 200, httpAllowList: [`127.0.0.1:${riskPort}`], variables: { 'esv.risk.url': `http://127.0.0.1:${riskPort}` } } });
    const capabilities = [...defaultCapabilities.filter((capability) => capability.name !== 'scripting'), createScriptingCapability({ log: (entry) => log.push(entry) })];
    platform = await createPlatform({ settings, store, clock, logger: false, capabilities });
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const address = platform.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('server has no port');
    server = {
      baseUrl: `http://127.0.0.1:${address.port}`,
      clock: { now: clock.now, advance: () => assert.fail('this test does not move the clock') },
      async cli(args) {
        let out = '';
        let err = '';
        const ctx: CliContext = { env, out: (l) => (out += `${l}\n`), err: (l) => (err += `${l}\n`), openStore: async () => announceWrites(await openPlatformStore(settings, quiet, { clock }), platform.cacheInvalidation) };
        return { code: await runCli(args, ctx), out, err };
      },
      flushMail: () => platform.mailer.runOnce(),
      acceptActiveTerms: async () => assert.fail('these journeys have no terms step'),
      close: () => platform.close(),
    };
    for (const user of ['alice', 'mallory']) {
      await platform.identity.createUser('alpha_user', { userName: user, password: PASSWORD, mail: `${user}@example.com`, givenName: user, sn: 'Test' });
    }
    const imported = await importJourneyJson(server, { trees: journeys }, 'alpha');
    assert.equal(imported.code, 0, imported.err);
  });

  after(async () => {
    await platform?.close();
    risk.closeAllConnections();
    risk.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function signIn(tree: string, username: string) {
    useTree(server, tree);
    return submitCredentials(await startStep(), username, PASSWORD);
  }

  it('runs a legacy script: JavaImporter sends a NameCallback, the answer reaches outcome "true"', async () => {
    const asked = asStep(await signIn('ScriptedLegacy', 'alice'));
    assert.deepEqual(callbackTypes(asked), ['NameCallback']);
    const name = asked.getCallbackOfType<NameCallback>(CallbackType.NameCallback);
    assert.equal(name.getPrompt(), 'Favourite colour of alice');
    name.setName('green');
    asSuccess(await FRAuth.next(asked));

    const again = asStep(await signIn('ScriptedLegacy', 'alice'));
    again.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('red');
    asFailure(await FRAuth.next(again));
  });

  it('runs a next-generation script: callbacksBuilder, httpClient to an allowed loopback host, openidm.query, action.goTo', async () => {
    const before = riskRequests.length;
    const asked = asStep(await signIn('ScriptedNextGen', 'alice'));
    assert.deepEqual(callbackTypes(asked), ['TextOutputCallback', 'ConfirmationCallback']);
    asked.getCallbackOfType<ConfirmationCallback>(CallbackType.ConfirmationCallback).setOptionIndex(0);
    asSuccess(await FRAuth.next(asked));
    assert.deepEqual(riskRequests.slice(before), ['/risk?user=alice']);

    const risky = asStep(await signIn('ScriptedNextGen', 'mallory'));
    risky.getCallbackOfType<ConfirmationCallback>(CallbackType.ConfirmationCallback).setOptionIndex(0);
    asFailure(await FRAuth.next(risky));
  });

  it('ends a runaway script’s journey in failure with a log line, and other sign-ins still work', async () => {
    const started = performance.now();
    asFailure(await signIn('ScriptedRunaway', 'alice'));
    assert.ok(performance.now() - started < 5000);
    const line = log.find((entry) => entry.code === 'SCRIPT_TIMEOUT');
    assert.ok(line !== undefined, JSON.stringify(log));
    assert.equal(line.realm, 'alpha');
    assert.match(line.script, /runaway/);

    const asked = asStep(await signIn('ScriptedLegacy', 'alice'));
    asked.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('green');
    asSuccess(await FRAuth.next(asked));
  });
});
