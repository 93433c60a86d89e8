/**
 * The "app origin" of the WebAuthn browser test: a tiny HTTP server on loopback, reached as
 * `http://localhost:<port>` (a secure context, and a host name a WebAuthn relying party id can be,
 * unlike an IP address), serving a page, `webauthn-app.js` and the ForgeRock JavaScript SDK's ES
 * modules (`/sdk/…`, only `.js` files inside the installed package's `dist`). Nothing else.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running app origin. */
export interface WebAuthnApp {
  /** `http://localhost:<port>`. */
  origin: string;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>An app using passkeys</title>
<script type="module" src="/app.js"></script></head>
<body><main><h1>An app signing in with passkeys</h1><p>Status: <output id="status">loading</output></p></main></body>
</html>
`;

/** The SDK's `dist` folder. */
function sdkRoot(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.resolve('@forgerock/javascript-sdk'))));
}

/** The file behind `/sdk/<rest>`, undefined unless it is a `.js` file inside the SDK's dist. */
function sdkFile(root: string, rest: string): string | undefined {
  const file = path.resolve(root, `.${path.posix.normalize(`/${rest}`)}`);
  return file.startsWith(`${root}${path.sep}`) && file.endsWith('.js') ? file : undefined;
}

/** Starts the app on a free loopback port. */
export async function startWebAuthnApp(): Promise<WebAuthnApp> {
  const root = sdkRoot();
  const app = fileURLToPath(new URL('webauthn-app.js', import.meta.url));
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://app.invalid').pathname);
    if (request.method !== 'GET') return response.writeHead(405).end();
    if (pathname === '/') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
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
  return {
    origin: `http://localhost:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
