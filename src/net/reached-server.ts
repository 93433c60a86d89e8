/**
 * For the outbound guard's tests: an HTTP server on 127.0.0.1 that answers `reached` and counts
 * the connections made to it, so a test can tell that a refused request never reached it.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The server's port, how many connections it has had, and its close. */
export interface ReachedServer {
  port: number;
  connections(): number;
  close(): void;
}

/** Starts the server on a free port. */
export async function startReachedServer(): Promise<ReachedServer> {
  let connections = 0;
  const server = http.createServer((_request, response) => response.end('reached'));
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
