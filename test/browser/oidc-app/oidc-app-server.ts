/**
 * The "application" of the OpenID provider's browser test: a tiny HTTP server on loopback, reached
 * as `http://127.0.0.1:<port>` (another origin than Arbor's, on the same site: Arbor's SameSite=Lax
 * session cookie goes with the SDK's hidden-iframe request), serving the app's page, `oidc-app.js`,
 * the redirect URI page `/callback` (empty: the SDK reads the code from the iframe's address) and
 * the ForgeRock JavaScript SDK's ES modules (`/sdk/…`, only `.js` files inside the installed
 * package's `dist`). Nothing else.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running app origin. */
export interface OidcApp {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The app's redirect URI, `<origin>/callback`. */
  redirectUri: string;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>An app signing in with Arbor</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:60rem}dt{font-weight:bold}dd{margin:0 0 .5rem 1rem;word-break:break-all}</style>
<script type="module" src="/app.js"></script></head>
<body><main><h1>An app signing in with Arbor (ForgeRock JavaScript SDK)</h1>
<p>Status: <output id="status">loading</output></p>
<dl id="result"></dl></main></body>
</html>
`;

const CALLBACK = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Callback</title></head><body></body></html>\n';

/** The SDK's `dist` folder. */
function sdkRoot(): string {
  return path.dirname(fileURLToPath(import.meta.resolve('@forgerock/javascript-sdk')));
}

/** The file behind `/sdk/<rest>`, undefined unless it is a `.js` file inside the SDK's dist. */
function sdkFile(root: string, rest: string): string | undefined {
  const file = path.resolve(root, `.${path.posix.normalize(`/${rest}`)}`);
  return file.startsWith(`${root}${path.sep}`) && file.endsWith('.js') ? file : undefined;
}

/** Starts the app on a free loopback port. */
export async function startOidcApp(): Promise<OidcApp> {
  const root = sdkRoot();
  const app = fileURLToPath(new URL('oidc-app.js', import.meta.url));
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://app.invalid').pathname);
    if (request.method !== 'GET') return response.writeHead(405).end();
    if (pathname === '/') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    if (pathname === '/callback') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(CALLBACK);
    const file = pathname === '/app.js' ? app : pathname.startsWith('/sdk/') ? sdkFile(root, pathname.slice('/sdk/'.length)) : undefined;
    if (file === undefined) return response.writeHead(404).end();
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the app server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    redirectUri: `${origin}/callback`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
