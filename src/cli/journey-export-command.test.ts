import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readJourneyFile } from '../journeys/trees/read-journey-file.ts';
import { loginJourney } from '../journeys/trees/testing/build-journey.ts';
import { createMemoryJourneyStore } from '../journeys/trees/testing/memory-journey-store.ts';
import { fakeCli } from './journey-cli-testing.ts';
import { journeyExportCommand as command } from './journey-export-command.ts';

const journeys = [loginJourney('A', { inner: 'B' }), loginJourney('B', { inner: 'C' }), loginJourney('C'), loginJourney('D')];
const store = () => createMemoryJourneyStore(journeys.map((journey) => ({ realm: 'alpha', journey })));

async function run(args: string[], env: Record<string, string> = {}) {
  const cli = fakeCli(store(), env);
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
    assert.deepEqual(cli.err, ["tree 'Nope' does not exist in realm alpha"]);
    assert.equal((await run(['A', '--realm', 'root'])).code, 1);
  });

  it('exits 2 for usage errors and answers --help', async () => {
    for (const args of [[], ['A', '--format', 'xml'], ['A', '--bogus'], ['A', '--realm', '']]) {
      const { code, cli } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(cli.opened, 0);
      assert.equal(cli.err.at(-1), command.usage);
    }
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.deepEqual(help.cli.out, [command.usage]);
  });
});
