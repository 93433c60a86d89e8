import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { createProviderMetadataCache } from './provider-metadata-cache.ts';
import { DEFAULT_RP_HTTP_OPTIONS } from './rp-http.ts';

async function publicJwk(kid: string): Promise<JWK> {
  const { publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
}

test('the JWKS is cached, and fetched again once when a token names an unknown kid (key rotation)', async () => {
  let keys = [await publicJwk('k1')];
  let fetches = 0;
  const server = http.createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  let now = 0;
  const cache = createProviderMetadataCache({ now: () => now, refreshCooldownMs: 1000 });
  try {
    assert.equal((await cache.findKey(url, DEFAULT_RP_HTTP_OPTIONS, { kid: 'k1', alg: 'RS256', use: 'sig' }))?.kid, 'k1');
    assert.equal((await cache.findKey(url, DEFAULT_RP_HTTP_OPTIONS, { kid: 'k1', alg: 'RS256', use: 'sig' }))?.kid, 'k1');
    assert.equal(fetches, 1, 'cached');

    keys = [await publicJwk('k2')];
    now += 2000;
    assert.equal((await cache.findKey(url, DEFAULT_RP_HTTP_OPTIONS, { kid: 'k2', alg: 'RS256', use: 'sig' }))?.kid, 'k2');
    assert.equal(fetches, 2, 'refreshed on the unknown kid');

    assert.equal(await cache.findKey(url, DEFAULT_RP_HTTP_OPTIONS, { kid: 'k3', alg: 'RS256', use: 'sig' }), undefined);
    assert.equal(fetches, 2, 'no second refresh within the cool-down');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
