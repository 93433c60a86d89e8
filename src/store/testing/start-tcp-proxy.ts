/**
 * A TCP proxy on loopback between Arbor and a service (PostgreSQL, Redis), for outage tests that
 * must not touch the machine's services: `pause()` black-holes the link (connections stay open and
 * new ones are accepted, but nothing is forwarded, as during a network stall), `cut()` destroys
 * every connection (as a dropped link or a restarted server does), `resume()` lets traffic flow
 * again. `upstreamPorts()` names the proxy's own connections to the service, so that a test can
 * end exactly those server-side (`pg_terminate_backend`, `CLIENT KILL`).
 */
import { connect, createServer, type Socket } from 'node:net';

/** A running proxy. */
export interface TcpProxy {
  /** The loopback port clients connect to. */
  port: number;
  /** Local ports of the live connections from the proxy to the service. */
  upstreamPorts(): number[];
  /** Stops forwarding in both directions; held bytes flow again on `resume()`. */
  pause(): void;
  /** Destroys every connection, both sides. */
  cut(): void;
  /** Forwards again, connecting the clients accepted while paused. */
  resume(): void;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket | undefined;
}

/** Starts a proxy on 127.0.0.1 (a free port) to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const links = new Set<Link>();
  let paused = false;

  const drop = (link: Link): void => {
    links.delete(link);
    link.client.destroy();
    link.upstream?.destroy();
  };

  const open = (link: Link): void => {
    const upstream = connect({ host: target.host, port: target.port });
    link.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => drop(link));
    upstream.on('close', () => drop(link));
    upstream.on('data', (chunk: Buffer) => link.client.write(chunk));
    link.client.on('data', (chunk: Buffer) => upstream.write(chunk));
    link.client.resume();
  };

  const server = createServer((client) => {
    const link: Link = { client, upstream: undefined };
    links.add(link);
    client.setNoDelay(true);
    client.on('error', () => drop(link));
    client.on('close', () => drop(link));
    client.pause();
    if (!paused) open(link);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');

  return {
    port: address.port,
    upstreamPorts: () => [...links].flatMap((link) => (link.upstream?.localPort === undefined ? [] : [link.upstream.localPort])),
    pause() {
      paused = true;
      for (const link of links) {
        link.client.pause();
        link.upstream?.pause();
      }
    },
    cut() {
      for (const link of [...links]) drop(link);
    },
    resume() {
      paused = false;
      for (const link of links) {
        if (link.upstream === undefined) open(link);
        else {
          link.client.resume();
          link.upstream.resume();
        }
      }
    },
    async close() {
      for (const link of [...links]) drop(link);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
