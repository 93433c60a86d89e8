/** `/admin`: the built app under the pages' policy, its hashed files, and a clear 503 when it is not built. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { ADMIN_APP_CSP, registerAdminApp } from './admin-app-route.ts';
import { registerSecurityHeaders } from './security-headers.ts';

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
