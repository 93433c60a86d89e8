/**
 * Serves the admin app (the single-page app of `src/admin-app/`, built by Vite into the
 * git-ignored `dist/admin/`) at `/admin`: its `index.html` at `/admin` and `/admin/`, its hashed
 * files at `/admin/assets/<name>` (cached for a year: a new build has new names). The page runs
 * under the pages' policy: scripts and styles from Arbor only (no inline script), requests to
 * Arbor only, never framed. Without a build, `/admin` answers a 503 page saying how to build it.
 * Asset names are checked against a strict pattern before any file is read. The app's chunks (the
 * journey drawing and the editor are loaded on demand) are all files of `assets/`, each served the
 * same way.
 *
 * The page and the scripts, styles, SVG and JSON files are compressed: Brotli or gzip as the
 * request's `Accept-Encoding` prefers (`negotiate-encoding.ts`), `identity` otherwise, with
 * `Vary: Accept-Encoding`. Each body is compressed once, on the first request asking for it, and
 * kept in memory (`compressed-file-cache.ts`, which says why not at build time). Every file answer
 * has a strong ETag per coding; a request whose `If-None-Match` names it gets a 304 without body.
 */
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CompressedFileCache } from './compressed-file-cache.ts';
import { errorBody } from './errors.ts';
import { negotiateEncoding } from './negotiate-encoding.ts';

/** Where `npm run build:admin` writes the app (the repository's `dist/admin/`). */
export const ADMIN_APP_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'admin');

/** The policy of the admin app's page. */
export const ADMIN_APP_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/;

const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The types worth compressing (PNG and WOFF2 are compressed already). */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);

/** A hashed file's name changes with its content: it may be kept for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Longer `If-None-Match` headers are ignored (a browser sends one ETag). */
const MAX_IF_NONE_MATCH = 2000;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Arbor admin is not built</title></head>
<body><h1>The admin app is not built</h1>
<p>Arbor serves the admin app from <code>dist/admin/</code>, which <code>npm ci</code> builds. Build it with
<code>npm run build:admin</code> and reload this page.</p></body></html>
`;

/** Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2), or is `*`. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined || header.length > MAX_IF_NONE_MATCH) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || (trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed) === etag;
  });
}

/** Adds `Accept-Encoding` to the answer's `Vary`, keeping what is there (CORS adds `Origin`). */
function varyOnEncoding(reply: FastifyReply): void {
  const present = reply.getHeader('vary');
  const names = (Array.isArray(present) ? present.join(',') : String(present ?? '')).split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (!names.some((name) => name.toLowerCase() === 'accept-encoding' || name === '*')) names.push('Accept-Encoding');
  reply.header('vary', names.join(', '));
}

/** Registers `/admin`, serving the build in `directory` (`dist/admin/` by default). */
export function registerAdminApp(app: FastifyInstance, options: { directory?: string } = {}): void {
  const directory = options.directory ?? ADMIN_APP_DIR;
  const assets = path.join(directory, 'assets');
  const files = new CompressedFileCache();

  /**
   * Answers `file` (a name already checked) with `headers`, in the coding the request accepts best
   * (`compressible` files only), or a 304 when the client has that body; `undefined` if the build has no such file.
   */
  async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string, compressible: boolean, headers: Record<string, string>): Promise<FastifyReply | undefined> {
    const coding = compressible ? negotiateEncoding(request.headers['accept-encoding']) : 'identity';
    const answer = await files.read(file, coding);
    if (answer === undefined) return undefined;
    reply.headers(headers).header('etag', answer.etag);
    if (compressible) varyOnEncoding(reply);
    if (matchesIfNoneMatch(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
    if (answer.coding !== 'identity') reply.header('content-encoding', answer.coding);
    return reply.send(answer.body);
  }

  async function sendIndex(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const page = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    const sent = await sendFile(request, reply, path.join(directory, 'index.html'), true, { ...page, 'content-security-policy': ADMIN_APP_CSP });
    return sent ?? reply.code(503).headers(page).header('retry-after', '60').send(NOT_BUILT_PAGE);
  }

  app.get('/admin', (request, reply) => sendIndex(request, reply));
  app.get('/admin/', (request, reply) => sendIndex(request, reply));
  app.get<{ Params: { name: string } }>('/admin/assets/:name', async (request, reply) => {
    const { name } = request.params;
    const extension = path.extname(name);
    const type = Object.hasOwn(ASSET_TYPES, extension) ? ASSET_TYPES[extension] : undefined;
    if (ASSET_NAME.test(name) && type !== undefined) {
      const sent = await sendFile(request, reply, path.join(assets, name), COMPRESSIBLE.has(extension), { 'content-type': type, 'cache-control': IMMUTABLE });
      if (sent !== undefined) return sent;
    }
    return reply.code(404).send(errorBody(404, `Resource ${request.method} /admin/assets/${name} not found`));
  });
}
