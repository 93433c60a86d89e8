import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { guardedFetch } from '../net/guarded-fetch.ts';
import { publicAddressLookup } from './public-address-dispatcher.ts';
import { isScriptHostError } from './script-host.ts';
import { sendScriptRequest } from './script-http.ts';
import type { ScriptHttpOptions } from './script-http.ts';

describe('httpClient on the host', () => {
  let port = 0;
  const server = createServer((request, response) => {
    if (request.url === '/slow') return void setTimeout(() => response.end('late'), 2000);
    if (request.url === '/big') return void response.end('x'.repeat(5000));
    if (request.url === '/redirect') {
      response.writeHead(302, { location: 'https://elsewhere.example.net/' });
      return void response.end();
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ method: request.method, key: request.headers['x-key'], body }));
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const options = (overrides: Partial<ScriptHttpOptions> = {}): ScriptHttpOptions => ({ fetch, allowList: [`127.0.0.1:${port}`], timeoutMs: 1000, maxResponseBytes: 1000, ...overrides });
  const refusedWith = (code: string) => (error: unknown) => {
    assert.ok(isScriptHostError(error), String(error));
    assert.equal(error.code, code);
    return true;
  };

  it('reaches a loopback host listed exactly, with the method, headers and body', async () => {
    const answer = await sendScriptRequest({ url: `http://127.0.0.1:${port}/echo`, method: 'POST', headers: { 'x-key': ['k1'] }, body: 'hello' }, options());
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { method: 'POST', key: 'k1', body: 'hello' });
    assert.deepEqual(answer.headers['content-type'], ['application/json']);
  });

  it('refuses a host off the list, and loopback reached through a wildcard', async () => {
    await assert.rejects(sendScriptRequest({ url: `http://127.0.0.2:${port}/` }, options()), refusedWith('HTTP_HOST_REFUSED'));
    const viaWildcard = options({ allowList: ['*.internal.example.com'], resolve: async () => ['10.0.0.7'] });
    await assert.rejects(sendScriptRequest({ url: 'http://db.internal.example.com/' }, viaWildcard), refusedWith('HTTP_HOST_REFUSED'));
  });

  it('connects a wildcard entry’s host only to the public address it checked: a name that resolves to loopback on connect is refused (DNS rebinding)', async () => {
    let reached = 0;
    const counting = createServer((_request, response) => {
      reached += 1;
      response.end('should not be reached');
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const countingPort = (counting.address() as AddressInfo).port;
    try {
      // The check before the request sees a public address; the connection's own lookup sees loopback.
      const rebinding = new Agent({ connect: { lookup: publicAddressLookup((_host, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }])) } });
      const viaWildcard = options({ allowList: [`*.rebind.example.com:${countingPort}`], resolve: async () => ['93.184.216.34'], publicDispatcher: rebinding });
      await assert.rejects(sendScriptRequest({ url: `http://api.rebind.example.com:${countingPort}/` }, viaWildcard), refusedWith('HTTP_FAILED'));
      assert.equal(reached, 0, 'no request reached the loopback server');
      await rebinding.close();
      // Control: the same request through a lookup that does not check does reach it, so the refusal above is the check's.
      const unchecked = new Agent({ connect: { lookup: (_host, lookupOptions, callback) => (lookupOptions.all === true ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) } });
      const answer = await sendScriptRequest({ url: `http://api.rebind.example.com:${countingPort}/` }, { ...viaWildcard, publicDispatcher: unchecked });
      assert.equal(answer.status, 200);
      assert.equal(reached, 1);
      await unchecked.close();
    } finally {
      counting.close();
    }
  });

  it('the connection lookup answers public addresses and refuses a name with a private one among them', async () => {
    const lookupWith = (addresses: { address: string; family: number }[]) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        publicAddressLookup((_host, callback) => callback(null, addresses))('h.example.com', {}, (error, address) => resolve({ error, address })),
      );
    assert.deepEqual(await lookupWith([{ address: '93.184.216.34', family: 4 }]), { error: null, address: '93.184.216.34' });
    for (const addresses of [[{ address: '10.1.2.3', family: 4 }], [{ address: '93.184.216.34', family: 4 }, { address: '::1', family: 6 }], []]) {
      const { error } = await lookupWith(addresses);
      assert.ok(error !== null, JSON.stringify(addresses));
    }
  });

  it('says why ARBOR_OUTBOUND_NETWORKS refused the address, keeping HTTP_FAILED, without sending the request', async () => {
    const refusedBecause = (words: string) => (error: unknown) => {
      assert.ok(isScriptHostError(error), String(error));
      assert.equal(error.code, 'HTTP_FAILED');
      assert.match(error.message, new RegExp(words));
      return true;
    };
    const metadata = options({ fetch: guardedFetch('all-but-link-local'), allowList: ['169.254.169.254'] });
    await assert.rejects(
      sendScriptRequest({ url: 'http://169.254.169.254/latest/meta-data/' }, metadata),
      refusedBecause('^the request to 169\\.254\\.169\\.254 was refused: 169\\.254\\.169\\.254 is .*, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow$'),
    );
    await assert.rejects(sendScriptRequest({ url: `http://127.0.0.1:${port}/echo` }, options({ fetch: guardedFetch('public') })), refusedBecause(`was refused: .*ARBOR_OUTBOUND_NETWORKS=public does not allow`));
    // Any other failure still says only that it failed.
    await assert.rejects(sendScriptRequest({ url: 'http://127.0.0.1:1/' }, options({ allowList: ['127.0.0.1:1'] })), refusedBecause('^the request to 127\\.0\\.0\\.1:1 failed$'));
  });

  it('gives up after the timeout, stops reading past the size limit, and does not follow redirects', async () => {
    await assert.rejects(sendScriptRequest({ url: `http://127.0.0.1:${port}/slow` }, options({ timeoutMs: 100 })), refusedWith('HTTP_TIMEOUT'));
    await assert.rejects(sendScriptRequest({ url: `http://127.0.0.1:${port}/big` }, options()), refusedWith('HTTP_RESPONSE_TOO_LARGE'));
    const redirect = await sendScriptRequest({ url: `http://127.0.0.1:${port}/redirect` }, options());
    assert.equal(redirect.status, 302);
  });
});
