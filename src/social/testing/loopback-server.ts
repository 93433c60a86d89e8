/**
 * What the tests' stand-in HTTP servers (providers) share: a request body read whole, 16 KiB at
 * most (a larger one ends the request), and listening on 127.0.0.1 port 0 with a close that also
 * ends kept-alive connections.
 */
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The largest request body a stand-in reads. */
const MAX_BODY_BYTES = 16_384;

/** The body of `req` as UTF-8 text. */
export function readRequestBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A listening stand-in. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1, port 0. */
export async function listenOnLoopback(server: http.Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
