import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportJourneys } from '../journeys/trees/export-journeys.ts';
import { buildJourney, F, loginJourney, S } from '../journeys/trees/testing/build-journey.ts';
import { fakeRegistry } from '../journeys/trees/testing/fake-nodes.ts';
import { scriptTestRegistry } from '../journeys/trees/testing/script-test-registry.ts';
import { configScriptStore } from '../scripting/script-store.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { fakeCli } from './journey-cli-testing.ts';
import { createJourneyImportCommand, journeyImportCommand } from './journey-import-command.ts';

const command = createJourneyImportCommand({ registry: fakeRegistry });
/** A real Frodo export with scripts (test/fixtures/NOTICE.md). */
const FRODO_WITH_SCRIPTS = fileURLToPath(new URL('../../test/fixtures/forgerock/frodo-lib/FrodoTestJourney3-scripts.journey.json', import.meta.url));

async function files(contents: Record<string, unknown>): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'arbor-journey-import-'));
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(contents)) {
    paths[name] = join(dir, name);
    await writeFile(paths[name], typeof content === 'string' ? content : JSON.stringify(content));
  }
  return paths;
}

describe('arbor journey import', () => {
  it('is the `journey import` command with a usage text', () => {
    assert.deepEqual(journeyImportCommand.path, ['journey', 'import']);
    assert.match(journeyImportCommand.usage, /^Usage: arbor journey import <file…> \[--realm alpha\]/);
  });

  it('imports every tree into alpha by default and exits 0', async () => {
    const paths = await files({ 'a.json': exportJourneys([loginJourney('A', { inner: 'B' })], { format: 'frodo' }), 'b.json': loginJourney('B') });
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await command.run([paths['a.json'] ?? '', paths['b.json'] ?? ''], cli.ctx), 0);
    assert.deepEqual(cli.out, ['imported A', 'imported B']);
    assert.deepEqual(await store.journeys.list('alpha'), ['A', 'B']);
    assert.deepEqual([cli.opened, cli.closed], [1, 1]);
  });

  it('imports into the realm given, and marks what it ignored as a warning', async () => {
    const frodo = { ...exportJourneys([loginJourney('A')], { format: 'frodo' }) };
    const tree = frodo.trees.A;
    assert.ok(tree);
    tree.emailTemplates = { welcome: { _id: 'emailTemplate/welcome', name: 'welcome' } };
    const paths = await files({ 'a.json': frodo });
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await command.run(['--realm', 'root', paths['a.json'] ?? ''], cli.ctx), 0);
    assert.deepEqual(await store.journeys.list('root'), ['A']);
    assert.deepEqual(cli.err, [`warning: ignored emailTemplate 'welcome' of tree 'A' (${paths['a.json']})`]);
  });

  it('joins Amster entity files given separately and notes a rebuilt _type', async () => {
    const journey = loginJourney('A');
    const entities: Record<string, unknown> = { 'A.json': { metadata: { entityType: 'AuthTree', entityId: 'A' }, data: journey.tree } };
    for (const [id, node] of Object.entries(journey.nodes)) {
      const { _type, ...data } = node;
      entities[`${id}.json`] = { metadata: { entityType: _type._id, entityId: id }, data: id === 'A-user' ? data : node };
    }
    const paths = await files(entities);
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await command.run(Object.values(paths), cli.ctx), 0);
    assert.deepEqual(cli.out, ['imported A']);
    assert.deepEqual(cli.err, [`warning: node A-user of tree 'A' has no _type; took UsernameNode from the tree (${paths['A.json']})`]);
    assert.deepEqual((await store.journeys.get('alpha', 'A'))?.nodes['A-user']?._type, { _id: 'UsernameNode' });
  });

  it('prints the problems of a refused tree as errors and exits 1', async () => {
    const paths = await files({ 'bad.json': buildJourney('Bad', 'x', { x: { type: 'FancyNode', connections: { outcome: S } } }), 'ok.json': loginJourney('Ok') });
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await command.run([paths['bad.json'] ?? '', paths['ok.json'] ?? ''], cli.ctx), 1);
    assert.deepEqual(cli.out, ['refused Bad', 'imported Ok']);
    assert.deepEqual(cli.err, ["error: Bad: node type FancyNode is not supported yet (node x 'FancyNode x')"]);
    assert.deepEqual(await store.journeys.list('alpha'), ['Ok']);
  });

  it('prints warnings and errors apart, one per line, each marked; a connection from a lost outcome is only a warning', async () => {
    const stale = buildJourney('Stale', 'c', { c: { type: 'ChoiceNode', connections: { yes: S, retired: F }, config: { choices: ['yes'] } } });
    const bad = buildJourney('Bad', 'x', { x: { type: 'FancyNode', connections: { outcome: S } }, y: { type: 'DecisionNode', connections: { true: S } } });
    const paths = await files({ 'stale.json': stale, 'bad.json': bad });
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await command.run([paths['stale.json'] ?? '', paths['bad.json'] ?? ''], cli.ctx), 1);
    assert.deepEqual(cli.out, ['imported Stale', 'refused Bad']);
    assert.deepEqual(cli.err, [
      `warning: Stale: node c 'ChoiceNode c' (ChoiceNode) has no outcome 'retired' any more: its connection to ${F} was dropped`,
      "error: Bad: node type FancyNode is not supported yet (node x 'FancyNode x')",
      "warning: Bad: node y 'DecisionNode y' (DecisionNode): outcome 'false' is not connected",
      "warning: Bad: node y 'DecisionNode y' (DecisionNode) cannot be reached from the entry node",
    ]);
    assert.deepEqual((await store.journeys.get('alpha', 'Stale'))?.tree.nodes.c?.connections, { yes: S });
  });

  it('imports a tree with its inner tree from another file of the same command; alone it is refused', async () => {
    const paths = await files({ 'runner.json': loginJourney('Runner', { inner: 'Inner' }), 'inner.json': exportJourneys([loginJourney('Inner')], { format: 'frodo' }) });
    const store = openMemoryStore();
    const alone = fakeCli(store);
    assert.equal(await command.run([paths['runner.json'] ?? ''], alone.ctx), 1);
    assert.deepEqual(alone.out, ['refused Runner']);
    assert.match(alone.err[0] ?? '', /^error: Runner: node Runner-inner .* runs inner tree 'Inner', which does not exist in the realm or in this import$/);
    const together = fakeCli(store);
    assert.equal(await command.run([paths['runner.json'] ?? '', paths['inner.json'] ?? ''], together.ctx), 0);
    assert.deepEqual(together.out, ['imported Runner', 'imported Inner']);
    assert.deepEqual(together.err, []);
    assert.deepEqual(await store.journeys.list('alpha'), ['Inner', 'Runner']);
  });

  it('stores the scripts of a Frodo export with its tree and names each; refuses a tree whose script is nowhere', async () => {
    const scriptsCommand = createJourneyImportCommand({ registry: scriptTestRegistry });
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await scriptsCommand.run([FRODO_WITH_SCRIPTS], cli.ctx), 0, cli.err.join('\n'));
    assert.deepEqual(cli.out, [
      "imported script 'Inactive Device Match Script' (3bd13a46-61c4-4974-8efb-1700c80c64e3)",
      "imported script 'Check Username' (739bdc48-fd24-4c52-b353-88706d75558a)",
      "imported script 'Custom Device Match Script' (d58977ed-0542-4147-8197-973ef7300191)",
      'imported FrodoTestJourney3',
    ]);
    assert.deepEqual(cli.err, []);
    assert.equal((await configScriptStore(store.configs).list('alpha')).length, 3);

    const json = JSON.parse(await readFile(FRODO_WITH_SCRIPTS, 'utf8')) as { scripts: Record<string, unknown>; tree: { _id: string } };
    json.scripts = {};
    json.tree._id = 'WithoutScripts';
    const paths = await files({ 'without.json': json });
    const missing = fakeCli(store);
    assert.equal(await scriptsCommand.run(['--realm', 'root', paths['without.json'] ?? ''], missing.ctx), 1);
    assert.deepEqual(missing.out, ['refused WithoutScripts']);
    assert.deepEqual(missing.err, [
      "error: WithoutScripts: node 46643303-aeb2-4873-9df1-59db4958cc34 'Check Username' (ScriptedDecisionNode) uses script '739bdc48-fd24-4c52-b353-88706d75558a', which is neither in this import nor stored in realm root",
    ]);
  });

  it('exits 2 without touching the store for a file that is missing or not JSON', async () => {
    const paths = await files({ 'broken.json': '{"tree": ', 'ok.json': loginJourney('Ok') });
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await command.run([paths['broken.json'] ?? '', join(tmpdir(), 'no-such-arbor-file.json'), paths['ok.json'] ?? ''], cli.ctx), 2);
    assert.equal(cli.err.length, 2);
    assert.match(cli.err[0] ?? '', /broken\.json: not valid JSON/);
    assert.match(cli.err[1] ?? '', /no-such-arbor-file\.json: cannot be read: ENOENT/);
    assert.equal(cli.opened, 0);
  });

  it('exits 2 and imports nothing when a file is not a journey export', async () => {
    const paths = await files({ 'mail.json': { subject: { en: 'Welcome' } }, 'ok.json': loginJourney('Ok') });
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await command.run([paths['mail.json'] ?? '', paths['ok.json'] ?? ''], cli.ctx), 2);
    assert.match(cli.err[0] ?? '', /mail\.json: not a journey export: expected /);
    assert.deepEqual(cli.out, []);
    assert.deepEqual(await store.journeys.list('alpha'), []);
  });

  it('reads --realm as the server reads realm paths (/alpha, root/alpha, / for root)', async () => {
    const paths = await files({ 'a.json': loginJourney('A') });
    const store = openMemoryStore();
    for (const [realm, name] of [['/alpha', 'alpha'], ['root/alpha', 'alpha'], ['/', 'root'], ['/root', 'root']] as const) {
      const cli = fakeCli(store);
      assert.equal(await command.run(['--realm', realm, paths['a.json'] ?? ''], cli.ctx), 0, realm);
      assert.deepEqual(await store.journeys.list(name), ['A'], realm);
    }
  });

  it('refuses a realm that does not exist, naming the realms that do, imports nothing and exits 2', async () => {
    const paths = await files({ 'a.json': loginJourney('A') });
    const store = openMemoryStore();
    for (const [realm, message] of [
      ['nosuch', 'arbor journey import: realm /nosuch does not exist (the realms are alpha (/alpha), root (/))'],
      ['Alpha', 'arbor journey import: realm /Alpha does not exist; realm names are case-sensitive: did you mean alpha? (the realms are alpha (/alpha), root (/))'],
      ['/root/beta', 'arbor journey import: realm /beta does not exist (the realms are alpha (/alpha), root (/))'],
    ] as const) {
      const cli = fakeCli(store);
      assert.equal(await command.run(['--realm', realm, paths['a.json'] ?? ''], cli.ctx), 2, realm);
      assert.deepEqual([cli.out, cli.err], [[], [message]], realm);
      assert.deepEqual([cli.opened, cli.closed], [1, 1]);
    }
    for (const realm of ['nosuch', 'Alpha', 'beta']) assert.deepEqual(await store.journeys.list(realm), [], realm);
    assert.deepEqual(await store.journeys.list('alpha'), []);
  });

  it('exits 2 for usage errors and answers --help', async () => {
    const cli = fakeCli(openMemoryStore());
    assert.equal(await command.run([], cli.ctx), 2);
    assert.equal(cli.err[0], 'arbor journey import: name at least one file');
    assert.equal(cli.err.at(-1), command.usage);
    assert.equal(await command.run(['--colour', 'x.json'], cli.ctx), 2);
    assert.equal(await command.run(['x.json', '--realm', ''], cli.ctx), 2);
    assert.equal(await command.run(['--help'], cli.ctx), 0);
    assert.deepEqual(cli.out, [command.usage]);
    assert.equal(cli.opened, 0);
  });
});
