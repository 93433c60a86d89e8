/**
 * Serves the admin app (the single-page app of `src/admin-app/`, built by Vite into the
 * git-ignored `dist/admin/`) at `/admin`: its `index.html` at `/admin` and `/admin/`, its hashed
 * files at `/admin/assets/<name>` (cached for a year: a new build has new names). The page runs
 * under the pages' policy: scripts and styles from Arbor only (no inline script), requests to
 * Arbor only, never framed. Without a build, `/admin` answers a 503 page saying how to build it.
 * Asset names are checked against a strict pattern before any file is read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody } from './errors.ts';

/** Where `npm run build:admin` writes the app (the repository's `dist/admin/`). */
export const ADMIN_APP_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'admin');

/** The policy of the admin app's page. */
export const ADMIN_APP_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/;

const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Arbor admin is not built</title></head>
<body><h1>The admin app is not built</h1>
<p>Arbor serves the admin app from <code>dist/admin/</code>, which <code>npm ci</code> builds. Build it with
<code>npm run build:admin</code> and reload this page.</p></body></html>
`;

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Registers `/admin`, serving the build in `directory` (`dist/admin/` by default). */
export function registerAdminApp(app: FastifyInstance, options: { directory?: string } = {}): void {
  const directory = options.directory ?? ADMIN_APP_DIR;
  const assets = path.join(directory, 'assets');

  async function sendIndex(reply: FastifyReply): Promise<FastifyReply> {
    const html = await readIfPresent(path.join(directory, 'index.html'));
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
    if (html === undefined) return reply.code(503).header('retry-after', '60').send(NOT_BUILT_PAGE);
    return reply.header('content-security-policy', ADMIN_APP_CSP).send(html);
  }

  app.get('/admin', (_request, reply) => sendIndex(reply));
  app.get('/admin/', (_request, reply) => sendIndex(reply));
  app.get<{ Params: { name: string } }>('/admin/assets/:name', async (request, reply) => {
    const { name } = request.params;
    const extension = path.extname(name);
    const type = Object.hasOwn(ASSET_TYPES, extension) ? ASSET_TYPES[extension] : undefined;
    const body = ASSET_NAME.test(name) && type !== undefined ? await readIfPresent(path.join(assets, name)) : undefined;
    if (body === undefined) return reply.code(404).send(errorBody(404, `Resource ${request.method} /admin/assets/${name} not found`));
    return reply.header('content-type', type).header('cache-control', 'public, max-age=31536000, immutable').send(body);
  });
}
