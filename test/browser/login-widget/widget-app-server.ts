/**
 * The "app origin" of the Login Widget browser test: a tiny loopback HTTP server, on its own port
 * and so another origin than Arbor, serving an HTML page, ForgeRock's Login Widget (`index.js` and
 * `widget.css`, read from the installed `@forgerock/login-widget` package) and `app.js`, the module
 * that configures the widget against the Arbor and starts the journey the page's URL names
 * (`?arbor=<base URL>&journey=<tree>`), and a terms page. Nothing else is served. The module's
 * script tag carries `data-pingOneSignalsSkipToken`, so that the PingOne Signals SDK bundled in the
 * widget does not fetch its beacon from apps.pingone.com when the widget is imported.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** A running app origin. */
export interface WidgetApp {
  /** `http://127.0.0.1:<port>`, the origin to list in (or leave out of) ARBOR_CORS_ORIGINS. */
  origin: string;
  /** The page's URL, its widget configured with the Arbor at `arborUrl` and starting `journey`. */
  pageUrl(arborUrl: string, journey: string): string;
  close(): Promise<void>;
}

/** The page: the widget's CSS, its mount point and the outputs the test reads. */
function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>An app using the ForgeRock Login Widget</title>
<link rel="stylesheet" href="/widget/widget.css">
<script type="module" src="/app.js" data-pingOneSignalsSkipToken="true"></script>
</head>
<body>
<main>
<h1>An app on another origin</h1>
<div id="widget-root"></div>
<p>Journey: <output id="journey-status">not started</output></p>
<p>Signed in as: <output id="session-user"></output></p>
<button type="button" id="sign-out">Sign out</button>
</main>
</body>
</html>
`;
}

/** The app's own terms page, which the widget links to next to Registration's terms checkbox. */
const TERMS = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Terms</title></head><body><h1>Terms of the app</h1></body></html>
`;

/** The files served besides the page, by path: where each is read from and its media type. */
function assets(): Map<string, { file: string; type: string }> {
  const widget = (name: string): string => fileURLToPath(import.meta.resolve(`@forgerock/login-widget/${name}`));
  return new Map([
    ['/widget/index.js', { file: fileURLToPath(import.meta.resolve('@forgerock/login-widget')), type: 'text/javascript; charset=utf-8' }],
    ['/widget/widget.css', { file: widget('widget.css'), type: 'text/css; charset=utf-8' }],
    ['/app.js', { file: fileURLToPath(new URL('app.js', import.meta.url)), type: 'text/javascript; charset=utf-8' }],
  ]);
}

/** Starts the app on a free loopback port. */
export async function startWidgetApp(): Promise<WidgetApp> {
  const files = assets();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://app.invalid').pathname;
    if (request.method !== 'GET') return response.writeHead(405).end();
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    if (path === '/terms') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(TERMS);
    const asset = files.get(path);
    if (asset === undefined) return response.writeHead(404).end();
    readFile(asset.file).then(
      (body) => response.writeHead(200, { 'content-type': asset.type }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the app server has no port');
  const { port } = address;
  return {
    origin: `http://127.0.0.1:${port}`,
    pageUrl: (arborUrl, journey) => `http://127.0.0.1:${port}/?${new URLSearchParams({ arbor: arborUrl, journey })}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
