/** The admin app's files are compressed once, not on every request, and a changed file is read again. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { CompressedFileCache } from './compressed-file-cache.ts';

describe('CompressedFileCache', () => {
  let directory: string;
  const script = `${'console.log("a chunk of the admin app");\n'.repeat(500)}`;

  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'arbor-compressed-files-'));
    await writeFile(path.join(directory, 'chunk.js'), script);
    await mkdir(path.join(directory, 'folder.js'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('compresses a file once: later and simultaneous requests get the same body', async () => {
    const cache = new CompressedFileCache();
    const file = path.join(directory, 'chunk.js');
    const [first, together] = await Promise.all([cache.read(file, 'br'), cache.read(file, 'br')]);
    const later = await cache.read(file, 'br');
    assert.equal(first?.coding, 'br');
    assert.equal(brotliDecompressSync(first.body).toString('utf8'), script);
    assert.equal(together?.body, first.body, 'the same Buffer, not a second compression');
    assert.equal(later?.body, first.body, 'the same Buffer, not a second compression');
    assert.equal(later?.etag, first.etag);
  });

  it('answers a file as it is when compressing would not make it smaller', async () => {
    const noise = randomBytes(4000);
    await writeFile(path.join(directory, 'noise.js'), noise);
    const answer = await new CompressedFileCache().read(path.join(directory, 'noise.js'), 'gzip');
    assert.equal(answer?.coding, 'identity');
    assert.deepEqual(answer.body, noise);
  });

  it('reads a file again once it changed, and forgets one removed', async () => {
    const cache = new CompressedFileCache();
    const file = path.join(directory, 'index.html');
    await writeFile(file, '<p>first build</p>');
    const first = await cache.read(file, 'identity');
    await writeFile(file, '<p>second build, longer</p>');
    const second = await cache.read(file, 'identity');
    assert.equal(second?.body.toString('utf8'), '<p>second build, longer</p>');
    assert.notEqual(second.etag, first?.etag);
    await rm(file);
    assert.equal(await cache.read(file, 'identity'), undefined);
  });

  it('answers undefined, never an error, for what is not a file', async () => {
    const cache = new CompressedFileCache();
    assert.equal(await cache.read(path.join(directory, 'missing.js'), 'br'), undefined);
    assert.equal(await cache.read(path.join(directory, 'folder.js'), 'br'), undefined);
    assert.equal(await cache.read(path.join(directory, 'chunk.js', 'below'), 'gzip'), undefined);
  });
});
