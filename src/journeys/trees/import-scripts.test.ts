/** Scripts in journey import and export: stored with their trees, refused when missing or bad, the text unchanged through a round trip. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { scriptSource } from '../../scripting/am-script.ts';
import type { AmScript } from '../../scripting/am-script.ts';
import { configScriptStore } from '../../scripting/script-store.ts';
import type { MemoryStore } from '../../store/memory/open-memory-store.ts';
import { interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { storeWithJourneys } from '../../store/memory/testing/store-with-journeys.ts';
import { PROFILE_TO_USER_IDS } from '../../social/providers/normalize/transform-ids.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { exportJourneys } from './export-journeys.ts';
import { importJourneys } from './import-journeys.ts';
import type { JourneyFile } from './read-journey-batch.ts';
import { buildJourney, F, S } from './testing/build-journey.ts';
import { scriptTestRegistry } from './testing/script-test-registry.ts';

const FIXTURE = new URL('../../../test/fixtures/forgerock/frodo-lib/FrodoTestJourney3-scripts.journey.json', import.meta.url);
const CHECK_USERNAME = '739bdc48-fd24-4c52-b353-88706d75558a';
const registry = scriptTestRegistry;
const file = (name: string, json: unknown): JourneyFile => ({ name, json });

async function fixture(): Promise<Record<string, unknown> & { scripts: Record<string, { script: unknown }> }> {
  return JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown> & { scripts: Record<string, { script: unknown }> };
}

function amScript(id: string, name: string, source: string): AmScript {
  return { _id: id, name, description: '', script: Buffer.from(source).toString('base64'), language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0', default: false, createdBy: 'x', creationDate: 1, lastModifiedBy: 'x', lastModifiedDate: 1 };
}

/** A tree whose one Scripted Decision node runs script `scriptId` (outcomes true/false). */
function scripted(name: string, scriptId: string, outcomes: string[] = ['true', 'false'], connections: Record<string, string> = { true: S, false: F }): JourneyDefinition {
  return buildJourney(name, 'sd', { sd: { type: 'ScriptedDecisionNode', connections, config: { script: scriptId, outcomes, inputs: ['*'], outputs: ['*'] } } });
}

/** A Frodo export of `definitions` carrying `scripts` in the first tree. */
function frodoWith(definitions: JourneyDefinition[], scripts: Record<string, unknown>): unknown {
  const exported = exportJourneys(definitions, { format: 'frodo' });
  const first = exported.trees[definitions[0]?.tree._id ?? ''];
  assert.ok(first);
  first.scripts = scripts as Record<string, AmScript>;
  return JSON.parse(JSON.stringify(exported)) as unknown;
}

const storedScripts = (store: MemoryStore, realm = 'alpha') => configScriptStore(store.configs).list(realm);

describe('scripts in journey import and export', () => {
  it('imports a real Frodo export with its scripts (JSON-string and line-list sources) and exports the same text back', async () => {
    const json = await fixture();
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [file('FrodoTestJourney3.json', json)], now: () => 5 });
    assert.deepEqual(report.trees.map((tree) => [tree.name, tree.status, tree.status === 'refused' ? tree.problems.map((p) => p.message) : []]), [['FrodoTestJourney3', 'imported', []]]);
    assert.deepEqual(report.scripts.map((script) => script.name).sort(), ['Check Username', 'Custom Device Match Script', 'Inactive Device Match Script']);

    const scripts = await storedScripts(store);
    const byId = new Map(scripts.map((script) => [script._id, script]));
    const check = byId.get(CHECK_USERNAME);
    assert.ok(check !== undefined);
    const original = JSON.parse(String(json.scripts[CHECK_USERNAME]?.script)) as string;
    assert.equal(scriptSource(check), original, 'the JSON-string source is stored as its text');
    assert.match(scriptSource(check), /outcome = "known";/);
    const lines = byId.get('3bd13a46-61c4-4974-8efb-1700c80c64e3');
    assert.ok(lines !== undefined);
    assert.equal(scriptSource(lines), '/*\n * Inactive Device Match Script\n */\n\noutcome = "true";\n', 'the lines joined as Frodo joins them');
    assert.deepEqual([check.createdBy, check.creationDate, check.evaluatorVersion, check.context], ['null', 0, '1.0', 'AUTHENTICATION_TREE_DECISION_NODE'], 'the export’s own fields are kept');

    // Export: the tree carries the script its node uses, its base64 text as stored.
    const definition = await store.journeys.get('alpha', 'FrodoTestJourney3');
    assert.ok(definition !== undefined);
    const exported = exportJourneys([definition], { format: 'frodo', scripts: new Map(scripts.map((script) => [script._id, script])) });
    const carried = exported.trees.FrodoTestJourney3?.scripts ?? {};
    assert.deepEqual(Object.keys(carried), [CHECK_USERNAME]);
    assert.equal(carried[CHECK_USERNAME]?.script, check.script, 'byte for byte the stored base64');
    assert.equal(Buffer.from(carried[CHECK_USERNAME]?.script ?? '', 'base64').toString('utf8'), original);

    // And back in, into another realm: the same scripts, the same text.
    const again = await importJourneys({ store, registry, realm: 'root', files: [file('exported.json', JSON.parse(JSON.stringify(exported)))] });
    assert.equal(again.trees[0]?.status, 'imported');
    const reimported = await configScriptStore(store.configs).get('root', CHECK_USERNAME);
    assert.deepEqual(reimported, check);
  });

  it('refuses a tree whose node names a script neither in the files nor stored, naming the node and the script', async () => {
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [file('a.json', scripted('NoScript', 'no-such-script'))] });
    const [tree] = report.trees;
    assert.equal(tree?.status, 'refused');
    assert.deepEqual(tree?.status === 'refused' ? tree.problems.map((problem) => [problem.code, problem.message]) : [], [
      ['SCRIPT_MISSING', "node sd 'ScriptedDecisionNode sd' (ScriptedDecisionNode) uses script 'no-such-script', which is neither in this import nor stored in realm alpha"],
    ]);
    assert.deepEqual(await store.journeys.list('alpha'), []);

    await configScriptStore(store.configs).put('alpha', amScript('no-such-script', 'Now stored', 'outcome = "true";'));
    const stored = await importJourneys({ store, registry, realm: 'alpha', files: [file('a.json', scripted('NoScript', 'no-such-script'))] });
    assert.equal(stored.trees[0]?.status, 'imported', 'a script already stored in the realm will do');
    assert.deepEqual(stored.scripts, [], 'and nothing is written over it');
  });

  it('accepts the Social Provider Handler’s built-in script and refuses another one that is missing', async () => {
    const handler = (name: string, script: string) => buildJourney(name, 'h', { h: { type: 'SocialProviderHandlerNode', connections: { ACCOUNT_EXISTS: S, NO_ACCOUNT: F }, config: { script, usernameAttribute: 'userName', clientType: 'BROWSER' } } });
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [file('a.json', handler('Builtin', PROFILE_TO_USER_IDS.managedUser)), file('b.json', handler('Custom', 'my-transform'))] });
    assert.deepEqual(report.trees.map((tree) => [tree.name, tree.status]), [['Builtin', 'imported'], ['Custom', 'refused']]);
    const custom = report.trees[1];
    assert.match(custom?.status === 'refused' ? (custom.problems[0]?.message ?? '') : '', /node h .*\(SocialProviderHandlerNode\) uses script 'my-transform'/);
  });

  it('refuses a tree carrying a bad script or two different scripts of one id, and stores no script of a refused tree', async () => {
    const good = amScript('s-good', 'Good', 'outcome = "true";');
    const store = await storeWithJourneys();
    const bad = frodoWith([scripted('Bad', 's-bad')], { 's-bad': { ...good, _id: 's-bad', script: '%%%', language: 'PYTHON' } });
    const clash = [file('one.json', frodoWith([scripted('One', 's-good')], { 's-good': good })), file('two.json', frodoWith([scripted('Two', 's-good')], { 's-good': { ...good, script: Buffer.from('outcome = "false";').toString('base64') } }))];
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [file('bad.json', bad), ...clash] });
    const problems = Object.fromEntries(report.trees.map((tree) => [tree.name, tree.status === 'refused' ? tree.problems.map((problem) => problem.code) : []]));
    assert.deepEqual(problems, { Bad: ['SCRIPT_INVALID'], One: [], Two: ['SCRIPT_CONFLICT'] });
    const badTree = report.trees[0];
    assert.match(badTree?.status === 'refused' ? (badTree.problems[0]?.message ?? '') : '', /script 's-bad' of tree 'Bad' is invalid: script: is not valid base64.*language: must be JAVASCRIPT or GROOVY/);
    assert.deepEqual((await storedScripts(store)).map((script) => script._id), ['s-good']);
    assert.equal(scriptSource((await storedScripts(store))[0] ?? good), 'outcome = "true";', 'the accepted tree’s copy');
    assert.deepEqual(await store.journeys.list('alpha'), ['One']);
  });

  it('writes scripts and trees in one transaction: a failure stores neither', async () => {
    const store = await storeWithJourneys();
    const crashing = {
      journeys: store.journeys,
      configs: store.configs,
      transaction: <T>(work: (tx: { journeys: MemoryStore['journeys']; configs: MemoryStore['configs'] }) => Promise<T>) =>
        store.transaction((tx) =>
          work({
            configs: tx.configs,
            journeys: interceptCalls(tx.journeys, {
              put: () => {
                throw new Error('simulated crash during put');
              },
            }),
          }),
        ),
    };
    const json = frodoWith([scripted('A', 's1')], { s1: amScript('s1', 'One', 'outcome = "true";') });
    await assert.rejects(importJourneys({ store: crashing, registry, realm: 'alpha', files: [file('a.json', json)] }), /simulated crash/);
    assert.deepEqual(await storedScripts(store), []);
    assert.deepEqual(await store.journeys.list('alpha'), []);
  });

  it('drops a connection from an outcome the node no longer has, with a warning naming node and outcome', async () => {
    const store = await storeWithJourneys([]);
    await configScriptStore(store.configs).put('alpha', amScript('s1', 'One', 'outcome = "true";'));
    const stale = scripted('Stale', 's1', ['true', 'false'], { true: S, false: F, retired: S });
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [file('stale.json', stale)] });
    const [tree] = report.trees;
    assert.equal(tree?.status, 'imported');
    assert.deepEqual(tree?.status === 'imported' ? tree.warnings.map((warning) => [warning.code, warning.message]) : [], [
      ['OUTCOME_CONNECTION_DROPPED', `node sd 'ScriptedDecisionNode sd' (ScriptedDecisionNode) has no outcome 'retired' any more: its connection to ${S} was dropped`],
    ]);
    assert.deepEqual((await store.journeys.get('alpha', 'Stale'))?.tree.nodes.sd?.connections, { true: S, false: F });
  });

  it('reads amtree’s innernodes spelling and Amster script entities', async () => {
    const json = await fixture();
    const { innerNodes, meta: _meta, ...rest } = json;
    const amtree = { origin: 'https://am.example.com/am', ...rest, innernodes: innerNodes };
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry, realm: 'alpha', files: [file('amtree.json', amtree)] });
    assert.equal(report.trees[0]?.status, 'imported', JSON.stringify(report.trees));
    assert.deepEqual(report.ignored, []);
    const definition = await store.journeys.get('alpha', 'FrodoTestJourney3');
    assert.ok(definition?.nodes['99f2d026-8d93-492d-b97f-c7331dc31c6d'], 'the page child from innernodes');

    const amster = { metadata: { entityType: 'Scripts', entityId: 'Amster Script', pathParams: {} }, data: amScript('amster-1', 'Amster Script', 'outcome = "false";') };
    const withAmster = await importJourneys({ store, registry, realm: 'bravo', files: [file('tree.json', scripted('FromAmster', 'amster-1')), file('script.json', amster)] });
    assert.equal(withAmster.trees[0]?.status, 'imported');
    assert.equal(scriptSource((await configScriptStore(store.configs).get('bravo', 'amster-1')) ?? amScript('', '', '')), 'outcome = "false";');
  });
});
