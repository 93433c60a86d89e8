/**
 * `/admin`: the built app under the pages' policy, its hashed files (every chunk of the build),
 * compressed as the browser accepts, with ETags and 304s, and a clear 503 when it is not built.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { ADMIN_APP_CSP, registerAdminApp } from './admin-app-route.ts';
import { registerSecurityHeaders } from './security-headers.ts';

// A chunk big enough to be worth compressing, as the build's are.
const CHUNK = `export function journeyEditor() {\n${Array.from({ length: 400 }, (_, line) => `  console.log("editor line ${line}");`).join('\n')}\n}\n`;
const STYLES = `${Array.from({ length: 200 }, (_, rule) => `.box-${rule} { color: #123456; margin: ${rule}px; }`).join('\n')}\n`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function decoded(answer: { headers: Record<string, unknown>; rawPayload: Buffer }): string {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(answer.rawPayload).toString('utf8');
  if (coding === 'gzip') return gunzipSync(answer.rawPayload).toString('utf8');
  assert.equal(coding, undefined);
  return answer.rawPayload.toString('utf8');
}

const INDEX = '<!doctype html><html><head><script type="module" src="/admin/assets/index-Ab1.js"></script></head><body><div id="root"></div></body></html>';

async function appServing(directory: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerSecurityHeaders(app, { publicUrl: 'http://localhost:8080' });
  registerAdminApp(app, { directory });
  await app.ready();
  return app;
}

describe('the admin app route', () => {
  let built: string;
  let app: FastifyInstance;

  before(async () => {
    built = await mkdtemp(path.join(tmpdir(), 'arbor-admin-app-'));
    await mkdir(path.join(built, 'assets'));
    await writeFile(path.join(built, 'index.html'), INDEX);
    await writeFile(path.join(built, 'assets', 'index-Ab1.js'), 'console.log("admin")');
    await writeFile(path.join(built, 'assets', 'editor-view-Cd2.js'), CHUNK);
    await writeFile(path.join(built, 'assets', 'editor-view-Ef3.css'), STYLES);
    await writeFile(path.join(built, 'assets', 'logo-Gh4.png'), PNG);
    await writeFile(path.join(built, 'secret.txt'), 'not an asset');
    app = await appServing(built);
  });
  after(async () => {
    await app.close();
    await rm(built, { recursive: true, force: true });
  });

  for (const url of ['/admin', '/admin/']) {
    it(`answers the app's page at ${url}, scripts from Arbor only, never framed, never cached`, async () => {
      const page = await app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 200);
      assert.equal(page.body, INDEX);
      assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(page.headers['content-security-policy'], ADMIN_APP_CSP);
      assert.match(ADMIN_APP_CSP, /script-src 'self';/);
      assert.match(ADMIN_APP_CSP, /frame-ancestors 'none'/);
      assert.doesNotMatch(ADMIN_APP_CSP, /unsafe-inline|unsafe-eval/);
      assert.equal(page.headers['x-frame-options'], 'DENY');
      assert.equal(page.headers['cache-control'], 'no-store');
    });
  }

  it('answers a built file with its type, cached for good (its name changes with each build)', async () => {
    const script = await app.inject({ method: 'GET', url: '/admin/assets/index-Ab1.js' });
    assert.equal(script.statusCode, 200);
    assert.equal(script.body, 'console.log("admin")');
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(script.headers['x-content-type-options'], 'nosniff');
  });

  it('answers every chunk of the build, not only the entry, each as it is on disk', async () => {
    for (const [name, content, type] of [
      ['editor-view-Cd2.js', CHUNK, 'text/javascript; charset=utf-8'],
      ['editor-view-Ef3.css', STYLES, 'text/css; charset=utf-8'],
    ] as const) {
      const answer = await app.inject({ method: 'GET', url: `/admin/assets/${name}` });
      assert.equal(answer.statusCode, 200, name);
      assert.equal(answer.body, content, name);
      assert.equal(answer.headers['content-type'], type, name);
      assert.equal(answer.headers['content-encoding'], undefined, name);
      assert.equal(answer.headers.vary, 'Accept-Encoding', name);
    }
  });

  for (const [acceptEncoding, coding] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['gzip', 'gzip'],
    ['deflate', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['identity', undefined],
  ] as const) {
    it(`answers a chunk, its styles and the page ${coding ?? 'uncompressed'} to Accept-Encoding: ${acceptEncoding}, varying on it`, async () => {
      for (const [url, content] of [
        ['/admin/assets/editor-view-Cd2.js', CHUNK],
        ['/admin/assets/editor-view-Ef3.css', STYLES],
        ['/admin/', INDEX],
      ] as const) {
        const answer = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': acceptEncoding } });
        assert.equal(answer.statusCode, 200, url);
        assert.equal(answer.headers['content-encoding'], coding, url);
        assert.equal(answer.headers.vary, 'Accept-Encoding', url);
        assert.equal(decoded(answer), content, url);
        assert.equal(Number(answer.headers['content-length']), answer.rawPayload.length, url);
        if (coding !== undefined && url !== '/admin/') assert.ok(answer.rawPayload.length < Buffer.byteLength(content) / 4, `${url} is compressed`);
      }
    });
  }

  it('keeps the page policy and no-store on the compressed page', async () => {
    const page = await app.inject({ method: 'GET', url: '/admin', headers: { 'accept-encoding': 'br' } });
    assert.equal(decoded(page), INDEX);
    assert.equal(page.headers['content-security-policy'], ADMIN_APP_CSP);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  it('does not compress images that are compressed already', async () => {
    const image = await app.inject({ method: 'GET', url: '/admin/assets/logo-Gh4.png', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(image.statusCode, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.equal(image.headers['content-encoding'], undefined);
    assert.deepEqual(image.rawPayload, PNG);
  });

  it('answers HEAD with the headers of the GET it stands for, without a body', async () => {
    const get = await app.inject({ method: 'GET', url: '/admin/assets/editor-view-Cd2.js', headers: { 'accept-encoding': 'gzip' } });
    const head = await app.inject({ method: 'HEAD', url: '/admin/assets/editor-view-Cd2.js', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'vary', 'cache-control']) assert.equal(head.headers[name], get.headers[name], name);
    assert.equal((await app.inject({ method: 'HEAD', url: '/admin/assets/missing-X1.js' })).statusCode, 404);
  });

  it('answers 304 without a body when the browser has the same coding of the file, 200 otherwise', async () => {
    const url = '/admin/assets/editor-view-Cd2.js';
    const brotli = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    const gzipped = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    const plain = await app.inject({ method: 'GET', url });
    const etags = [brotli, gzipped, plain].map((answer) => String(answer.headers.etag));
    assert.equal(new Set(etags).size, 3, 'one ETag per coding');
    for (const etag of etags) assert.match(etag, /^"[A-Za-z0-9_-]+"$/);

    const again = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': brotli.headers.etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    assert.equal(again.headers.etag, brotli.headers.etag);
    assert.equal(again.headers.vary, 'Accept-Encoding');
    assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal((await app.inject({ method: 'GET', url, headers: { 'if-none-match': `W/${plain.headers.etag}, "other"` } })).statusCode, 304);
    assert.equal((await app.inject({ method: 'HEAD', url, headers: { 'accept-encoding': 'gzip', 'if-none-match': gzipped.headers.etag } })).statusCode, 304);

    const otherCoding = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip', 'if-none-match': brotli.headers.etag } });
    assert.equal(otherCoding.statusCode, 200);
    assert.equal(decoded(otherCoding), CHUNK);
    assert.equal((await app.inject({ method: 'GET', url, headers: { 'if-none-match': '"stale"' } })).statusCode, 200);
  });

  it('answers the page of a new build, not one kept from before', async () => {
    const rebuilt = await mkdtemp(path.join(tmpdir(), 'arbor-admin-app-rebuilt-'));
    await mkdir(path.join(rebuilt, 'assets'));
    await writeFile(path.join(rebuilt, 'index.html'), INDEX);
    const served = await appServing(rebuilt);
    try {
      const first = await served.inject({ method: 'GET', url: '/admin', headers: { 'accept-encoding': 'br' } });
      const next = INDEX.replace('index-Ab1.js', 'index-Zz9.js');
      await writeFile(path.join(rebuilt, 'index.html'), next);
      const second = await served.inject({ method: 'GET', url: '/admin', headers: { 'accept-encoding': 'br', 'if-none-match': first.headers.etag } });
      assert.equal(second.statusCode, 200);
      assert.equal(decoded(second), next);
      assert.notEqual(second.headers.etag, first.headers.etag);
    } finally {
      await served.close();
      await rm(rebuilt, { recursive: true, force: true });
    }
  });

  it('answers 404 for files it does not have and for names that would leave the assets directory', async () => {
    for (const url of ['/admin/assets/missing-X1.js', '/admin/assets/..%2Fsecret.txt', '/admin/assets/..%2F..%2Fpackage.json', '/admin/assets/.hidden.js', '/admin/assets/index-Ab1.txt', '/admin/other']) {
      const answer = await app.inject({ method: 'GET', url });
      assert.equal(answer.statusCode, 404, url);
      assert.doesNotMatch(answer.body, /not an asset/, url);
    }
  });

  it('answers 503 with how to build the app when it is not built, never a 500', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'arbor-admin-app-empty-'));
    const bare = await appServing(path.join(empty, 'absent'));
    try {
      const page = await bare.inject({ method: 'GET', url: '/admin' });
      assert.equal(page.statusCode, 503);
      assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(page.body, /The admin app is not built/);
      assert.match(page.body, /npm run build:admin/);
      assert.match(String(page.headers['content-security-policy']), /default-src 'none'; frame-ancestors 'none'/);
      assert.equal((await bare.inject({ method: 'GET', url: '/admin/assets/index-Ab1.js' })).statusCode, 404);
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
