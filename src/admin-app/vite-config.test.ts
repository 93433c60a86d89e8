/**
 * The admin app's build, as the route serves it: the first page loads an entry script without
 * React Flow or the journey editor, which come in chunks of their own when a journey is opened,
 * all of them files of `assets/` that `/admin/assets/` answers (compressed). Built into a
 * temporary directory, so that it never races the build the browser tests use.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { build } from 'vite';
import { registerAdminApp } from '../http/admin-app-route.ts';

/** The entry script's share of all the app's JavaScript at most (it was all of it, 650 kB, before the split). */
const ENTRY_BUDGET = 0.65;

describe('the admin app build', () => {
  let outDir: string;
  let entry: string;
  let scripts: Map<string, string>;

  before(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'arbor-admin-build-'));
    await build({ configFile: path.join(import.meta.dirname, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
    const match = /<script type="module" crossorigin src="\/admin\/assets\/([^"]+\.js)"><\/script>/.exec(html);
    assert.ok(match?.[1] !== undefined, 'the page loads one module script from the assets');
    entry = match[1];
    assert.doesNotMatch(html.replace(match[0], ''), /<script/, 'no other script, no inline script');
    scripts = new Map();
    for (const name of (await readdir(path.join(outDir, 'assets'))).filter((file) => file.endsWith('.js'))) scripts.set(name, await readFile(path.join(outDir, 'assets', name), 'utf8'));
  });
  after(() => rm(outDir, { recursive: true, force: true }));

  it(`splits the app: the entry script is under ${ENTRY_BUDGET * 100}% of all its JavaScript`, () => {
    assert.ok(scripts.size >= 3, `the entry, the journey drawing and the editor: ${[...scripts.keys()].join(', ')}`);
    const total = [...scripts.values()].reduce((sum, code) => sum + code.length, 0);
    const first = scripts.get(entry)?.length ?? Number.NaN;
    assert.ok(first < total * ENTRY_BUDGET, `entry ${first} bytes of ${total}`);
  });

  it('leaves React Flow and the journey editor out of the first page, in chunks loaded on demand', () => {
    const code = scripts.get(entry) ?? '';
    assert.doesNotMatch(code, /react-flow__renderer/);
    assert.doesNotMatch(code, /Undo \(Ctrl\+Z\)/);
    const drawing = [...scripts.entries()].filter(([, chunk]) => chunk.includes('react-flow__renderer'));
    const editor = [...scripts.entries()].filter(([, chunk]) => chunk.includes('Undo (Ctrl+Z)'));
    assert.equal(drawing.length, 1);
    assert.equal(editor.length, 1);
    for (const [name] of [...drawing, ...editor]) assert.match(code + [...scripts.values()].join('\n'), new RegExp(`import\\([^)]*${name.replace(/[.$]/g, '\\$&')}`), `${name} is imported on demand`);
  });

  it('names only files of the build, every one of which the admin route answers, compressed', async () => {
    const files = await readdir(path.join(outDir, 'assets'));
    for (const code of scripts.values()) {
      for (const [, named] of code.matchAll(/"(?:\/admin\/)?assets\/([^"]+)"/g)) assert.ok(named !== undefined && files.includes(named), `${named} is in the build`);
    }
    const app = Fastify();
    registerAdminApp(app, { directory: outDir });
    try {
      for (const name of files) {
        const answer = await app.inject({ method: 'GET', url: `/admin/assets/${name}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
        assert.equal(answer.statusCode, 200, name);
        assert.equal(answer.headers['content-encoding'], 'br', name);
        assert.deepEqual(brotliDecompressSync(answer.rawPayload), await readFile(path.join(outDir, 'assets', name)), name);
      }
    } finally {
      await app.close();
    }
  });
});
