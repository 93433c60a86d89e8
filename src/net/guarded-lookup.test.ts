/**
 * The connection-time lookup: a name with one address the policy refuses is refused before a
 * socket opens (on a real `node:http` request to `localhost`, the server never sees a
 * connection), and allowed names connect to what was resolved.
 */
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type AddressResolver, guardedLookup } from './guarded-lookup.ts';
import { type ReachedServer, startReachedServer } from './reached-server.ts';
import { isOutboundAddressError, type OutboundNetworks } from './outbound-networks.ts';

const ZONE: Record<string, LookupAddress[]> = {
  'public.example': [{ address: '93.184.216.34', family: 4 }],
  'mixed.example': [
    { address: '93.184.216.34', family: 4 },
    { address: '169.254.169.254', family: 4 },
  ],
  'private.example': [{ address: '10.0.0.5', family: 4 }],
};

const standIn: AddressResolver = (hostname, _options, callback) => {
  const addresses = ZONE[hostname];
  if (addresses === undefined) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
  return callback(null, addresses);
};

/** What `guardedLookup(networks)` answers for `hostname`. */
function lookUp(networks: OutboundNetworks, hostname: string, all: boolean): Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family: number | undefined }> {
  return new Promise((resolve) => guardedLookup(networks, standIn)(hostname, { all }, (error, address, family) => resolve({ error, address, family })));
}

describe('guarded lookup', () => {
  let server: ReachedServer;
  let port = 0;

  before(async () => {
    server = await startReachedServer();
    port = server.port;
  });
  after(() => server.close());

  /** A real GET of http://localhost:<port>/ through the guarded lookup: the answer's text or the error. */
  function getLocalhost(networks: OutboundNetworks): Promise<string | Error> {
    return new Promise((resolve) => {
      const request = http.get(`http://localhost:${port}/`, { agent: false, lookup: guardedLookup(networks) }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve(text));
      });
      request.on('error', resolve);
    });
  }

  it('answers every address of an allowed name, or the first one, as Node asks', async () => {
    assert.deepEqual(await lookUp('public', 'public.example', true), { error: null, address: ZONE['public.example'], family: undefined });
    assert.deepEqual(await lookUp('public', 'public.example', false), { error: null, address: '93.184.216.34', family: 4 });
  });

  it('refuses a name when one of its addresses is refused, naming that address', async () => {
    const { error } = await lookUp('all-but-link-local', 'mixed.example', true);
    assert.ok(isOutboundAddressError(error));
    assert.equal(error.message, 'mixed.example resolves to a link-local address, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow');
    assert.ok(isOutboundAddressError((await lookUp('public', 'private.example', false)).error));
    assert.equal((await lookUp('all-but-link-local', 'private.example', false)).error, null);
  });

  it('passes a resolution failure on as it is', async () => {
    assert.equal((await lookUp('public', 'nowhere.example', true)).error?.code, 'ENOTFOUND');
  });

  it('localhost (127.0.0.1) is refused under public before a connection is made, and reached under the default', async () => {
    const refused = await getLocalhost('public');
    assert.ok(isOutboundAddressError(refused), String(refused));
    assert.match(refused.message, /^localhost resolves to a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow$/);
    assert.equal(server.connections(), 0, 'nothing reached the server');
    assert.equal(await getLocalhost('all-but-link-local'), 'reached');
    assert.equal(server.connections(), 1);
  });
});
