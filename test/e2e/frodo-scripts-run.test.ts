/**
 * A real Frodo export with scripts (`FrodoTestJourney3`: a Scripted Decision node running
 * "Check Username", then a page of Platform Username and Platform Password) imported with
 * `arbor journey import`, run with the unmodified ForgeRock JavaScript SDK both ways the script
 * leads ("unknown": no username yet, so the sign-in page; "known": a username collected by an
 * outer journey, so straight to success), and exported back with `arbor journey export`, every
 * script's text byte-identical to the export's. Also: a script reads the request's cookies
 * through `requestCookies`, never the session cookie.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { NameCallback } from '@forgerock/javascript-sdk';
import { addUser, adminClient, asFailure, asSuccess, buildJourney, callbackTypes, importJourneyJson, startStep, submitCredentials, useTree } from '../helpers/self-service.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { TestServer } from '../helpers/test-server.ts';

const FIXTURE = new URL('../fixtures/forgerock/frodo-lib/FrodoTestJourney3-scripts.journey.json', import.meta.url);
const CHECK_USERNAME = '739bdc48-fd24-4c52-b353-88706d75558a';
const PASSWORD = 'Secret-Passw0rd';

interface FrodoScript {
  _id: string;
  name: string;
  script: string | string[];
}

/** A script's text as a Frodo export carries it: base64, a JSON string, or a list of lines. */
function frodoScriptText(script: string | string[]): string {
  if (Array.isArray(script)) return script.join('\n');
  if (script.startsWith('"')) {
    const text: unknown = JSON.parse(script);
    assert.equal(typeof text, 'string');
    return String(text);
  }
  return Buffer.from(script, 'base64').toString('utf8');
}

/** An outer journey that collects a username, then runs FrodoTestJourney3 as an inner tree. */
const KNOWN_FIRST = buildJourney('FrodoKnownFirst', 'managed/alpha_user', [
  { key: 'page', type: 'PageNode', config: { pageHeader: { en: 'Who?' }, pageDescription: {}, stage: '' }, children: [{ key: 'name', type: 'UsernameCollectorNode' }], connections: { outcome: 'inner' } },
  { key: 'inner', type: 'InnerTreeEvaluatorNode', config: { tree: 'FrodoTestJourney3' }, connections: { true: 'success', false: 'failure' } },
]);

const COOKIE_SCRIPT = 'cookie-reader';
const COOKIE_SOURCE = 'outcome = requestCookies.get("deviceId") === "d-1" && requestCookies.get("iPlanetDirectoryPro") === null ? "true" : "false";';
const COOKIE_JOURNEY = buildJourney('FrodoCookies', 'managed/alpha_user', [
  { key: 'page', type: 'PageNode', config: { pageHeader: { en: 'Sign In' }, pageDescription: {}, stage: '' }, children: [{ key: 'name', type: 'UsernameCollectorNode' }, { key: 'password', type: 'PasswordCollectorNode' }], connections: { outcome: 'check' } },
  { key: 'check', type: 'DataStoreDecisionNode', connections: { true: 'script', false: 'failure' } },
  { key: 'script', type: 'ScriptedDecisionNode', config: { script: COOKIE_SCRIPT, outcomes: ['true', 'false'], inputs: ['*'], outputs: ['*'] }, connections: { true: 'success', false: 'failure' } },
]);
const COOKIE_SCRIPTS = {
  [COOKIE_SCRIPT]: {
    _id: COOKIE_SCRIPT,
    name: 'Cookie Reader',
    description: '',
    script: Buffer.from(COOKIE_SOURCE, 'utf8').toString('base64'),
    language: 'JAVASCRIPT',
    context: 'AUTHENTICATION_TREE_DECISION_NODE',
    evaluatorVersion: '1.0',
    default: false,
  },
};

describe('a Frodo export with scripts: import, run through the SDK, export', () => {
  let server: TestServer;
  let fixture: { scripts: Record<string, FrodoScript> };

  before(async () => {
    server = await startTestServer();
    fixture = JSON.parse(await readFile(FIXTURE, 'utf8')) as { scripts: Record<string, FrodoScript> };
    const imported = await server.cli(['journey', 'import', FIXTURE.pathname, '--realm', 'alpha']);
    assert.equal(imported.code, 0, imported.out + imported.err);
    assert.match(imported.out, /FrodoTestJourney3/);
    const outer = await importJourneyJson(server, { trees: { FrodoKnownFirst: KNOWN_FIRST, FrodoCookies: { ...COOKIE_JOURNEY, scripts: COOKIE_SCRIPTS } } }, 'alpha');
    assert.equal(outer.code, 0, outer.out + outer.err);
    await addUser(server, 'alpha', 'alice', PASSWORD);
  });

  after(async () => {
    await server?.close();
  });

  it('"Check Username" finds no username, so the journey asks for one on its page and signs the user in', async () => {
    useTree(server, 'FrodoTestJourney3');
    const page = await startStep();
    assert.deepEqual(callbackTypes(page), ['NameCallback', 'PasswordCallback']);
    const success = asSuccess(await submitCredentials(page, 'alice', PASSWORD));
    assert.equal(success.getRealm(), '/alpha');
    assert.ok((success.getSessionToken() ?? '') !== '');
  });

  it('"Check Username" finds the username an outer journey collected, so it goes straight to success', async () => {
    useTree(server, 'FrodoKnownFirst');
    const page = await startStep();
    assert.deepEqual(callbackTypes(page), ['NameCallback']);
    page.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('alice');
    // "known": no password page; the inner journey succeeds, and so does the outer one.
    asSuccess(await FRAuth.next(page));
  });

  it('exports the journey back with the script its node runs, the text byte-identical to the Frodo export', async () => {
    const exported = await server.cli(['journey', 'export', 'FrodoTestJourney3', '--realm', 'alpha']);
    assert.equal(exported.code, 0, exported.err);
    const json = JSON.parse(exported.out) as { trees: Record<string, { scripts?: Record<string, FrodoScript>; nodes: Record<string, { script?: string }> }> };
    const tree = json.trees.FrodoTestJourney3;
    assert.ok(tree !== undefined);
    const used = Object.values(tree.nodes).flatMap((node) => (node.script === undefined ? [] : [node.script]));
    assert.deepEqual(used, [CHECK_USERNAME]);
    const scripts = tree.scripts ?? {};
    assert.deepEqual(Object.keys(scripts), used, 'every script the journey runs is carried');
    for (const [id, script] of Object.entries(scripts)) {
      const original = fixture.scripts[id];
      assert.ok(original !== undefined, id);
      assert.equal(script.name, original.name);
      assert.equal(frodoScriptText(script.script), frodoScriptText(original.script), `${original.name}: the same text`);
    }
    // The export's other scripts, which no node of the journey runs, are kept with the same text.
    const admin = await adminClient(server);
    for (const [id, original] of Object.entries(fixture.scripts)) {
      const stored = await admin('GET', `/am/json/realms/root/realms/alpha/scripts/${id}`);
      assert.equal(stored.status, 200, JSON.stringify(stored.json));
      assert.equal(stored.json.name, original.name);
      assert.equal(frodoScriptText(String(stored.json.script)), frodoScriptText(original.script), `${original.name}: the same text`);
    }
  });

  it('gives a script the request cookies it names as requestCookies, never the session cookie', async () => {
    useTree(server, 'FrodoCookies', { headers: { cookie: 'deviceId=d-1; iPlanetDirectoryPro=not-for-scripts' } });
    asSuccess(await submitCredentials(await startStep(), 'alice', PASSWORD));
    useTree(server, 'FrodoCookies', { headers: { cookie: 'deviceId=other' } });
    asFailure(await submitCredentials(await startStep(), 'alice', PASSWORD));
  });
});
