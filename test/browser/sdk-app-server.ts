/**
 * A browser test's "application": a tiny HTTP server on loopback serving a page (`/`), the app's
 * script (`/app.js`), any extra pages it names, and the ForgeRock JavaScript SDK's ES modules
 * (`/sdk/…`, only `.js` files inside the installed package's `dist`). Nothing else.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running app server. */
export interface SdkAppServer {
  port: number;
  close(): Promise<void>;
}

/** The file behind `/sdk/<rest>`, undefined unless it is a `.js` file inside the SDK's dist. */
function sdkFile(root: string, rest: string): string | undefined {
  const file = path.resolve(root, `.${path.posix.normalize(`/${rest}`)}`);
  return file.startsWith(`${root}${path.sep}`) && file.endsWith('.js') ? file : undefined;
}

/** Starts the app on a free loopback port: `pages` by path (`/` included), `appScript` at `/app.js`. */
export async function startSdkAppServer(pages: Readonly<Record<string, string>>, appScript: URL): Promise<SdkAppServer> {
  const root = path.dirname(fileURLToPath(import.meta.resolve('@forgerock/javascript-sdk')));
  const app = fileURLToPath(appScript);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://app.invalid').pathname);
    if (request.method !== 'GET') return response.writeHead(405).end();
    const page = Object.hasOwn(pages, pathname) ? pages[pathname] : undefined;
    if (page !== undefined) return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
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
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
