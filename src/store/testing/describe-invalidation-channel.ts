/**
 * The tests every cache invalidation channel (Redis pub/sub, PostgreSQL LISTEN/NOTIFY) passes,
 * each "process" being a `crossProcessInvalidation` on a channel with connections of its own: a
 * change written by one is seen by the other's configuration cache within a second (its clock
 * stopped, so no TTL helps), echoes are not applied twice, and a process whose connections are
 * ended (server-side, or cut on the wire by a TCP proxy of the test's own) reconnects by itself,
 * empties its caches once, and hears later changes. Skipped, saying why, without the service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CacheKind } from '../../cache/cache-invalidation.ts';
import { EVERY_KEY } from '../../cache/cache-invalidation.ts';
import type { CrossProcessInvalidation, InvalidationChannel } from '../../cache/cross-process-invalidation.ts';
import { crossProcessInvalidation } from '../../cache/cross-process-invalidation.ts';
import type { ConfigRepository } from '../../config/ports.ts';
import { cachedConfigs } from '../../platform/cached-configs.ts';
import { proxyServiceUrl } from './proxy-service-url.ts';
import type { TcpProxy } from './start-tcp-proxy.ts';

/** What a channel's suite needs. */
export interface ChannelSuite {
  name: string;
  /** The service's URL, or undefined to skip (with `variable` named). */
  url: string | undefined;
  variable: string;
  defaultPort: number;
  /** Prepares the service (a schema); resolves to the URL every channel of the suite uses, derived from `url`. */
  setUp(url: URL): Promise<URL>;
  tearDown(): Promise<void>;
  /** A channel on `url`. */
  channel(url: string): InvalidationChannel;
  /** Ends the service's connections coming from these local ports, server-side. */
  endServerSide(ports: number[]): Promise<void>;
}

/** A configuration repository in memory: the "database" both processes share. */
function sharedConfigs(): ConfigRepository {
  const documents = new Map<string, unknown>();
  return {
    get: async (id) => documents.get(id),
    list: async (prefix) => [...documents.keys()].filter((id) => prefix === undefined || id.startsWith(prefix)),
    put: async (id, value) => void documents.set(id, value),
    delete: async (id) => documents.delete(id),
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

/** Runs the channel suite. */
export function describeInvalidationChannel(suite: ChannelSuite): void {
  describe(`${suite.name} cache invalidation channel`, { skip: suite.url === undefined ? `${suite.variable} is not set` : false }, () => {
    let url = '';
    let proxy: TcpProxy | undefined;
    let viaProxy = '';
    const opened: CrossProcessInvalidation[] = [];
    const open = async (on: string): Promise<CrossProcessInvalidation> => {
      const invalidation = await crossProcessInvalidation(suite.channel(on), { onError: () => {} });
      opened.push(invalidation);
      return invalidation;
    };

    before(async () => {
      const prepared = await suite.setUp(new URL(suite.url ?? ''));
      url = prepared.toString();
      const proxied = await proxyServiceUrl(prepared, suite.defaultPort);
      proxy = proxied.proxy;
      viaProxy = proxied.viaProxy.toString();
    });
    after(async () => {
      for (const invalidation of opened) await invalidation.close();
      await proxy?.close();
      await suite.tearDown();
    });

    it("shows a change to another process's cache within a second, applied once", async () => {
      const configs = sharedConfigs();
      const frozenClock = { now: () => 0 };
      const writer = await open(url);
      const reader = await open(url);
      const writerHeard: [CacheKind, string][] = [];
      writer.subscribe((kind, key) => void writerHeard.push([kind, key]));
      const readerCache = cachedConfigs(configs, { clock: frozenClock, invalidation: reader });
      await configs.put('selfservice.terms', { version: 1 });
      assert.deepEqual(await readerCache.get('selfservice.terms'), { version: 1 });
      await configs.put('selfservice.terms', { version: 2 });
      writer.invalidate('config', 'selfservice.terms');
      const elapsed = await until(async () => JSON.stringify(await readerCache.get('selfservice.terms')) === '{"version":2}', 1000, 'the other cache sees the change');
      assert.ok(elapsed < 1000, `seen after ${elapsed} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(writerHeard, [['config', 'selfservice.terms']], 'its own message coming back is not applied again');
    });

    for (const how of ['ended server-side', 'cut on the wire'] as const) {
      it(`reconnects after its connections are ${how}, empties its caches once, and hears later changes`, async () => {
        assert.ok(proxy !== undefined);
        const writer = await open(url);
        const reader = await open(viaProxy);
        const heard: [CacheKind, string][] = [];
        reader.subscribe((kind, key) => void heard.push([kind, key]));
        writer.invalidate('realm', 'alpha');
        await until(() => heard.length === 1, 1000, 'the first message');
        if (how === 'ended server-side') await suite.endServerSide(proxy.upstreamPorts());
        else proxy.cut();
        await until(() => heard.some(([kind, key]) => kind === 'journey' && key === EVERY_KEY), 5000, 'the caches emptied after the reconnection');
        // Messages are heard again (the reconnection may still be settling: send until one arrives).
        await until(
          () => {
            writer.invalidate('journey', 'alpha/Login');
            return heard.some(([kind, key]) => kind === 'journey' && key === 'alpha/Login');
          },
          3000,
          'a message after the reconnection',
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(heard.filter(([kind, key]) => kind === 'config' && key === EVERY_KEY).length, 1, 'emptied once');
      });
    }
  });
}
