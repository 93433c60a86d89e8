/**
 * A loopback stand-in for the realm's `oauth2/request_uri` endpoint (the real route is wired by
 * the HTTP layer): serves `takeRequestObject` under `<base>/request_uri?requestObjectId=<id>`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RequestObjectStore, takeRequestObject } from '../rp/request-object-store.ts';

/** A running endpoint; `realmOAuth2BaseUrl` is what `beginAuthorization` takes. */
export interface RequestObjectServer {
  realmOAuth2BaseUrl: string;
  close(): Promise<void>;
}

/** Starts the endpoint on 127.0.0.1, port 0. */
export async function startRequestObjectServer(store: RequestObjectStore): Promise<RequestObjectServer> {
  const path = '/am/oauth2/realms/root/realms/alpha';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== `${path}/request_uri`) {
      res.writeHead(404).end();
      return;
    }
    takeRequestObject(store, url.searchParams.get('requestObjectId') ?? undefined).then(
      (jwt) => {
        if (jwt === undefined) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'application/oauth-authz-req+jwt' }).end(jwt);
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realmOAuth2BaseUrl: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
