/**
 * A small round-robin HTTP reverse proxy on loopback (Node's http), the load balancer of the
 * multi-node tests: each request goes to the next node that is up, without stickiness; `pin(i)`
 * sends the next request to node `i` instead; `down(i)` takes a node out (it was killed). Every
 * answer carries `x-arbor-node: <i>`, so that a test can tell which node served it, and the proxy
 * keeps the list of who served what. A node that does not answer is a 502.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface RoundRobinProxy {
  url: string;
  /** The nodes behind it (set once they listen: they need the proxy's URL first). */
  setTargets(targets: readonly string[]): void;
  /** The node the next request goes to, whatever the rotation. */
  pin(node: number): void;
  /** Takes node `node` out of the rotation. */
  down(node: number): void;
  /** The node index of every request served, in order. */
  served(): readonly number[];
  close(): Promise<void>;
}

/** The response header naming the node that answered. */
export const NODE_HEADER = 'x-arbor-node';

/** Starts the proxy; its nodes (base URLs `http://127.0.0.1:<port>`) come with `setTargets`. */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let targets: readonly string[] = [];
  let up: boolean[] = [];
  const log: number[] = [];
  const agent = new http.Agent({ keepAlive: true });
  let next = 0;
  let pinned: number | undefined;

  const choose = (): number | undefined => {
    if (pinned !== undefined) {
      const node = pinned;
      pinned = undefined;
      return node;
    }
    for (let tried = 0; tried < targets.length; tried += 1) {
      const node = next;
      next = (next + 1) % targets.length;
      if (up[node]) return node;
    }
    return undefined;
  };

  const server = http.createServer((request, response) => {
    const node = choose();
    if (node === undefined) {
      response.writeHead(503).end('no node is up');
      return;
    }
    log.push(node);
    const target = new URL(request.url ?? '/', targets[node]);
    const upstream = http.request(target, { method: request.method, headers: request.headers, agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, { ...answer.headers, [NODE_HEADER]: String(node) });
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { [NODE_HEADER]: String(node) });
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setTargets(nodes) {
      targets = [...nodes];
      up = targets.map(() => true);
    },
    pin(node) {
      pinned = node;
    },
    down(node) {
      up[node] = false;
    },
    served: () => log,
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
