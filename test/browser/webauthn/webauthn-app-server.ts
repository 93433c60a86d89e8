/**
 * The "app origin" of the WebAuthn browser test: a tiny HTTP server on loopback, reached as
 * `http://localhost:<port>` (a secure context, and a host name a WebAuthn relying party id can be,
 * unlike an IP address), serving a page, `webauthn-app.js` and the ForgeRock JavaScript SDK's ES
 * modules (`sdk-app-server.ts`).
 */
import { startSdkAppServer } from '../sdk-app-server.ts';

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

/** Starts the app on a free loopback port. */
export async function startWebAuthnApp(): Promise<WebAuthnApp> {
  const server = await startSdkAppServer({ '/': PAGE }, new URL('webauthn-app.js', import.meta.url));
  return { origin: `http://localhost:${server.port}`, close: () => server.close() };
}
