import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPrivateAddress, matchAllowList } from './http-allow-list.ts';

describe('the scripting http allow-list', () => {
  const list = ['api.example.com', '*.partner.example.org', '127.0.0.1:8443', '[::1]'];

  it('lets through exact hosts, sub-domains of a wildcard and listed ports', () => {
    assert.deepEqual(matchAllowList(new URL('https://API.example.com/x'), list), { entry: 'api.example.com', exact: true });
    assert.deepEqual(matchAllowList(new URL('https://a.b.partner.example.org/'), list), { entry: '*.partner.example.org', exact: false });
    assert.deepEqual(matchAllowList(new URL('http://127.0.0.1:8443/'), list), { entry: '127.0.0.1:8443', exact: true });
    assert.deepEqual(matchAllowList(new URL('http://[::1]:9000/'), list), { entry: '[::1]', exact: true });
  });

  it('refuses other hosts, the wildcard’s own domain, other ports and other schemes', () => {
    assert.equal(matchAllowList(new URL('https://evil.example.com/'), list), undefined);
    assert.equal(matchAllowList(new URL('https://partner.example.org/'), list), undefined);
    assert.equal(matchAllowList(new URL('https://api.example.com.evil.net/'), list), undefined);
    assert.equal(matchAllowList(new URL('http://127.0.0.1:8080/'), list), undefined);
    assert.equal(matchAllowList(new URL('ftp://api.example.com/'), list), undefined);
    assert.equal(matchAllowList(new URL('https://api.example.com/'), []), undefined);
  });

  it('knows loopback, private and link-local addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:10.0.0.1', '0.0.0.0']) {
      assert.equal(isPrivateAddress(address), true, address);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1::1', '172.32.0.1']) assert.equal(isPrivateAddress(address), false, address);
  });
});
