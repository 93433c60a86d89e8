/**
 * The guarded `fetch`: an IP literal the policy refuses never reaches the underlying `fetch`; a
 * host name is judged when the real `fetch` connects (`localhost` refused under `public` before
 * the server sees anything, reached under the default); the refusal itself is what rejects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { guardedFetch } from './guarded-fetch.ts';
import { type ReachedServer, startReachedServer } from './reached-server.ts';
import { isOutboundAddressError } from './outbound-networks.ts';

describe('guarded fetch', () => {
  let server: ReachedServer;
  let port = 0;

  before(async () => {
    server = await startReachedServer();
    port = server.port;
  });
  after(() => server.close());

  it('refuses the metadata service by address without sending anything', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response('{}');
    };
    const guarded = guardedFetch('all-but-link-local', recording);
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:169.254.169.254]/', 'http://[fd00:ec2::254]/latest/api/token', 'http://0.0.0.0:8080/']) {
      await assert.rejects(guarded(url), (error: unknown) => {
        assert.ok(isOutboundAddressError(error), String(error));
        assert.match(error.message, /which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow$/);
        return true;
      });
    }
    assert.deepEqual(sent, []);
    assert.equal((await guarded('http://93.184.216.34/')).status, 200, 'a public literal goes through');
  });

  it('refuses localhost under public when the connection is made, and reaches it under the default', async () => {
    await assert.rejects(guardedFetch('public')(`http://localhost:${port}/`), (error: unknown) => {
      assert.ok(isOutboundAddressError(error), String(error));
      assert.match(error.message, /^localhost resolves to a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow$/);
      return true;
    });
    assert.equal(server.connections(), 0, 'nothing reached the server');
    const answer = await guardedFetch('all-but-link-local')(`http://localhost:${port}/`);
    assert.equal(await answer.text(), 'reached');
  });

  it('keeps a dispatcher the request brings, and is the plain fetch under all', async () => {
    const seen: unknown[] = [];
    const recording: typeof fetch = async (_input, init) => {
      seen.push(init === undefined ? undefined : Reflect.get(init, 'dispatcher'));
      return new Response('');
    };
    const own = new Agent();
    const bringing = { method: 'GET', dispatcher: own };
    await guardedFetch('public', recording)('https://provider.example/', bringing);
    await guardedFetch('public', recording)('https://provider.example/');
    assert.equal(seen[0], own);
    assert.ok(seen[1] instanceof Agent && seen[1] !== own, 'the guarded dispatcher otherwise');
    assert.equal(guardedFetch('all', recording), recording);
    await own.close();
  });
});
