/**
 * A TCP gate on a fixed loopback port in front of a stand-in server (an identity provider): while
 * it is down the port refuses connections and the open ones are cut, as when the provider's host
 * stops; `up()` listens again on the same port, so the provider's configured URLs work again.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A running gate. */
export interface SwitchableGate {
  /** `http://127.0.0.1:<port>`, standing for the target. */
  baseUrl: string;
  down(): Promise<void>;
  up(): Promise<void>;
}

/** Opens a gate to `targetPort` on a free loopback port. */
export async function startSwitchableGate(targetPort: number): Promise<SwitchableGate> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async (): Promise<void> => {
    const next = createServer((client) => {
      const upstream = connect({ host: '127.0.0.1', port: targetPort });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    const address = next.address();
    if (address === null || typeof address === 'string') throw new Error('the gate has no port');
    port = address.port;
    server = next;
  };
  await listen();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async down() {
      const running = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (running !== undefined) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
    async up() {
      if (server === undefined) await listen();
    },
  };
}
