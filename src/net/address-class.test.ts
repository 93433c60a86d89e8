/** Which network an address belongs to: IPv4, IPv6, and IPv4 written inside IPv6 judged as the IPv4 address it carries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AddressClass, classifyAddress } from './address-class.ts';

const TABLE: readonly (readonly [string, AddressClass])[] = [
  // IPv4
  ['8.8.8.8', 'public'],
  ['93.184.216.34', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.1.10', 'private'],
  ['100.64.0.1', 'private'],
  ['100.127.255.254', 'private'],
  ['127.0.0.1', 'loopback'],
  ['127.1.2.3', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['169.254.0.1', 'link-local'],
  ['100.100.100.200', 'metadata'],
  ['168.63.129.16', 'metadata'],
  ['0.0.0.0', 'never-valid'],
  ['0.1.2.3', 'never-valid'],
  ['255.255.255.255', 'never-valid'],
  ['240.0.0.1', 'never-valid'],
  ['224.0.0.251', 'never-valid'],
  ['239.255.255.250', 'never-valid'],
  ['192.0.2.1', 'never-valid'],
  ['198.51.100.7', 'never-valid'],
  ['203.0.113.9', 'never-valid'],
  // IPv6
  ['2606:4700:4700::1111', 'public'],
  ['2001:4860:4860::8888', 'public'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fd00:ec2::254', 'metadata'],
  ['::', 'never-valid'],
  ['ff02::1', 'never-valid'],
  ['2001:db8::1', 'never-valid'],
  ['::7f00:1', 'never-valid'],
  // IPv4-mapped IPv6 and NAT64: the IPv4 address inside decides
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:a9fe:a9fe', 'link-local'],
  ['[::ffff:127.0.0.1]', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:0.0.0.0', 'never-valid'],
  ['::ffff:8.8.8.8', 'public'],
  ['0:0:0:0:0:ffff:192.168.0.1', 'private'],
  ['64:ff9b::169.254.169.254', 'link-local'],
  ['64:ff9b::808:808', 'public'],
];

describe('address classes', () => {
  for (const [address, expected] of TABLE) {
    it(`${address} is ${expected}`, () => {
      assert.equal(classifyAddress(address), expected);
    });
  }

  it('says nothing of what is not an IP address', () => {
    for (const text of ['localhost', 'example.com', '', '1.2.3', '999.1.1.1', '::ffff:', 'fe80::1::2']) assert.equal(classifyAddress(text), undefined, text);
  });
});
