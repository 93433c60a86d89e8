/**
 * `arbor journey import` with a file whose keys reach for the prototype: a `__proto__` node id, a
 * `__proto__` or `constructor` key in a tree or in a node's configuration. The file is refused
 * (JOURNEY_FILE_INVALID naming the key and where it is), nothing is imported, nothing reaches
 * `Object.prototype`, and the same file without the key imports as before.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { fakeCli } from './journey-cli-testing.ts';
import { journeyImportCommand } from './journey-import-command.ts';

const LOGIN = new URL('../journeys/trees/defaults/root/Login.json', import.meta.url);

async function write(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'arbor-journey-unsafe-')), name);
  await writeFile(path, text);
  return path;
}

describe('arbor journey import, keys that reach for the prototype', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('refuses the file, imports nothing, pollutes nothing; the clean file imports', async () => {
    const text = await readFile(LOGIN, 'utf8');
    const firstNode = /"nodes": \{\n(\s*)"([0-9a-f-]{36})": \{/.exec(text.slice(text.lastIndexOf('"nodes": {')));
    assert.ok(firstNode !== null, 'the file has a top-level nodes object');
    const nodeId = firstNode[2] ?? '';
    const variants: [string, string][] = [
      ['a __proto__ key in the tree', text.replace('"tree": {', '"tree": {"__proto__": {"polluted": "yes"},')],
      ['a __proto__ node id', text.replace('"nodes": {', '"nodes": {"__proto__": {"displayName": "x", "nodeType": "PageNode", "connections": {}},')],
      ['a constructor key in a node config', text.replace(`"${nodeId}": {`, `"${nodeId}": {"constructor": {"prototype": {"polluted": "yes"}},`)],
      ['a __proto__ key at the top', text.replace(/^\{/, '{"__proto__": {"polluted": "yes"},')],
    ];
    for (const [what, variant] of variants) {
      assert.notEqual(variant, text, what);
      const store = openMemoryStore();
      const cli = fakeCli(store);
      const code = await journeyImportCommand.run([await write('login.json', variant)], cli.ctx);
      assert.notEqual(code, 0, `${what}: ${cli.out.join('\n')}`);
      assert.match(cli.err.join('\n'), /the key "(__proto__|constructor)"( at [^ ]+)? is not allowed/, what);
      assert.deepEqual(await store.journeys.list('alpha'), [], `${what}: nothing imported`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, what);
    }
    const store = openMemoryStore();
    const cli = fakeCli(store);
    assert.equal(await journeyImportCommand.run([await write('login.json', text)], cli.ctx), 0, cli.err.join('\n'));
    assert.deepEqual(await store.journeys.list('alpha'), ['Login']);
  });
});
