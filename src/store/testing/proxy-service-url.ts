/**
 * A service (PostgreSQL, Redis) reached through a TCP proxy of the test's own
 * (`start-tcp-proxy.ts`), for outage tests: the proxy, and the service's URL pointed at it.
 */
import { startTcpProxy, type TcpProxy } from './start-tcp-proxy.ts';

/** Starts a proxy to the service at `url` (`defaultPort` when it names none); resolves to it and to `url` through it. */
export async function proxyServiceUrl(url: URL, defaultPort: number): Promise<{ proxy: TcpProxy; viaProxy: URL }> {
  const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || defaultPort) });
  const viaProxy = new URL(url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return { proxy, viaProxy };
}
