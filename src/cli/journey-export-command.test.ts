import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readJourneyFile } from '../journeys/trees/read-journey-file.ts';
import { loginJourney } from '../journeys/trees/testing/build-journey.ts';
import { scriptTestRegistry } from '../journeys/trees/testing/script-test-registry.ts';
import { configScriptStore } from '../scripting/script-store.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { createJourneyImportCommand } from './journey-import-command.ts';
import { storeWithJourneys } from '../store/memory/testing/store-with-journeys.ts';
import { fakeCli } from './journey-cli-testing.ts';
import { journeyExportCommand as command } from './journey-export-command.ts';

const journeys = [loginJourney('A', { inner: 'B' }), loginJourney('B', { inner: 'C' }), loginJourney('C'), loginJourney('D')];
const store = () => storeWithJourneys(journeys.map((journey) => ({ realm: 'alpha', journey })));

async function run(args: string[], env: Record<string, string> = {}) {
  const cli = fakeCli(await store(), env);
  const code = await command.run(args, cli.ctx);
  const printed = cli.out.length === 1 && /^[[{]/.test(cli.out[0] ?? '') ? cli.out[0] : undefined;
  return { code, cli, json: printed === undefined ? undefined : (JSON.parse(printed) as unknown) };
}

describe('arbor journey export', () => {
  it('prints a Frodo export of the named trees', async () => {
    const { code, cli, json } = await run(['A', 'D'], { ARBOR_PUBLIC_URL: 'https://id.example' });
    assert.equal(code, 0);
    const content = readJourneyFile(json, 'stdout');
    assert.equal(content.format, 'frodo-multi');
    assert.deepEqual(content.journeys, [journeys[0], journeys[3]]);
    assert.equal((json as { meta: { origin: string } }).meta.origin, 'https://id.example');
    assert.deepEqual([cli.opened, cli.closed], [1, 1]);
  });

  it('adds inner trees at any depth with --inner-trees', async () => {
    const { json } = await run(['A', '--inner-trees']);
    assert.deepEqual(Object.keys((json as { trees: object }).trees), ['A', 'B', 'C']);
  });

  it('writes the AM REST shape with --format am', async () => {
    assert.deepEqual((await run(['C', '--format', 'am'])).json, journeys[2]);
    assert.deepEqual((await run(['C', 'D', '--format', 'am'])).json, [journeys[2], journeys[3]]);
  });

  it('round-trips a Frodo export with scripts through import and export, the script text unchanged', async () => {
    const fixture = fileURLToPath(new URL('../../test/fixtures/forgerock/frodo-lib/FrodoTestJourney3-scripts.journey.json', import.meta.url));
    const original = JSON.parse(await readFile(fixture, 'utf8')) as { scripts: Record<string, { script: string }> };
    const checkUsername = '739bdc48-fd24-4c52-b353-88706d75558a';
    const memory = openMemoryStore();
    const importer = createJourneyImportCommand({ registry: scriptTestRegistry });
    const imported = fakeCli(memory);
    assert.equal(await importer.run([fixture], imported.ctx), 0, imported.err.join('\n'));

    const exported = fakeCli(memory);
    assert.equal(await command.run(['FrodoTestJourney3'], exported.ctx), 0, exported.err.join('\n'));
    const json = JSON.parse(exported.out[0] ?? '') as { trees: Record<string, { scripts: Record<string, { _id: string; name: string; script: string }> }> };
    const scripts = json.trees.FrodoTestJourney3?.scripts ?? {};
    assert.deepEqual(Object.keys(scripts), [checkUsername], 'the script its node uses');
    const text = JSON.parse(original.scripts[checkUsername]?.script ?? '') as string;
    assert.equal(Buffer.from(scripts[checkUsername]?.script ?? '', 'base64').toString('utf8'), text);
    assert.equal(scripts[checkUsername]?.script, (await configScriptStore(memory.configs).get('alpha', checkUsername))?.script, 'byte for byte the stored base64');

    const out = join(await mkdtemp(join(tmpdir(), 'arbor-journey-export-')), 'again.json');
    await writeFile(out, exported.out[0] ?? '');
    const again = fakeCli(memory);
    assert.equal(await importer.run(['--realm', 'root', out], again.ctx), 0, again.err.join('\n'));
    assert.deepEqual(await configScriptStore(memory.configs).get('root', checkUsername), await configScriptStore(memory.configs).get('alpha', checkUsername));
  });

  it('writes to the --out file', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'arbor-journey-export-')), 'a.json');
    const { code, cli } = await run(['A', '--out', out]);
    assert.equal(code, 0);
    assert.deepEqual(cli.out, []);
    assert.deepEqual(cli.err, [`wrote A to ${out}`]);
    assert.deepEqual(readJourneyFile(JSON.parse(await readFile(out, 'utf8')), out).journeys, [journeys[0]]);
  });

  it('exits 1 naming a tree that does not exist, and prints nothing', async () => {
    const { code, cli } = await run(['A', 'Nope', '--realm', 'alpha']);
    assert.equal(code, 1);
    assert.deepEqual(cli.out, []);
    assert.deepEqual(cli.err, ["arbor journey export: tree 'Nope' does not exist in realm alpha"]);
    assert.equal((await run(['A', '--realm', 'root'])).code, 1);
  });

  it('reads --realm as the server reads realm paths: alpha, /alpha, root/alpha, root/realms/alpha', async () => {
    for (const realm of ['alpha', '/alpha', 'root/alpha', '/root/realms/alpha']) {
      const { code, json } = await run(['C', '--realm', realm, '--format', 'am']);
      assert.equal(code, 0, realm);
      assert.deepEqual(json, journeys[2], realm);
    }
  });

  it('exits 2 naming a realm that does not exist (not the tree), with the realms that do', async () => {
    const missing = await run(['A', '--realm', 'nosuch']);
    assert.equal(missing.code, 2);
    assert.deepEqual(missing.cli.out, []);
    assert.deepEqual(missing.cli.err, ['arbor journey export: realm /nosuch does not exist (the realms are alpha (/alpha), root (/))']);
    const cased = await run(['A', '--realm', 'Alpha']);
    assert.equal(cased.code, 2);
    assert.deepEqual(cased.cli.err, ['arbor journey export: realm /Alpha does not exist; realm names are case-sensitive: did you mean alpha? (the realms are alpha (/alpha), root (/))']);
    assert.equal(cased.cli.closed, 1, 'the store is closed');
  });

  it('exits 2 for usage errors and answers --help', async () => {
    const expected: Record<string, string> = {
      '': 'arbor journey export: name at least one tree',
      'A --format xml': 'arbor journey export: --format must be frodo or am, got "xml"',
      'A --bogus': 'arbor journey export: unknown option --bogus',
      'A --realm ': 'arbor journey export: --realm needs a realm name (alpha, /alpha or / for root)',
      'A --realm': 'arbor journey export: --realm needs a value',
      'A --realm --inner-trees': 'arbor journey export: --realm needs a value',
      'A --inner-trees=yes': 'arbor journey export: --inner-trees takes no value',
      'A --realm a.b': 'arbor journey export: --realm "a.b" is not a realm name: a realm name has letters, digits, - and _ only',
    };
    for (const [line, message] of Object.entries(expected)) {
      const args = line === '' ? [] : line.split(' ');
      const { code, cli } = await run(args);
      assert.equal(code, 2, line);
      assert.equal(cli.opened, 0);
      assert.equal(cli.err[0], message, line);
      assert.equal(cli.err.at(-1), command.usage);
    }
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.deepEqual(help.cli.out, [command.usage]);
  });
});
