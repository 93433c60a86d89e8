/**
 * The "application" of the OpenID provider's browser test: a tiny HTTP server on loopback, reached
 * as `http://127.0.0.1:<port>` (another origin than Arbor's, on the same site: Arbor's SameSite=Lax
 * session cookie goes with the SDK's hidden-iframe request), serving the app's page, `oidc-app.js`,
 * the redirect URI page `/callback` (empty: the SDK reads the code from the iframe's address) and
 * the ForgeRock JavaScript SDK's ES modules (`sdk-app-server.ts`).
 */
import { startSdkAppServer } from '../sdk-app-server.ts';

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

/** Starts the app on a free loopback port. */
export async function startOidcApp(): Promise<OidcApp> {
  const server = await startSdkAppServer({ '/': PAGE, '/callback': CALLBACK }, new URL('oidc-app.js', import.meta.url));
  const origin = `http://127.0.0.1:${server.port}`;
  return { origin, redirectUri: `${origin}/callback`, close: () => server.close() };
}
