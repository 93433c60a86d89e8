/**
 * What kind of network an IP address belongs to, for the outbound policy
 * (`outbound-networks.ts`): public, private (RFC 1918, CGNAT, IPv6 unique local), loopback,
 * link-local (where the cloud metadata service answers), a cloud metadata address outside
 * link-local (AWS's IPv6 IMDS, Alibaba's, Azure's WireServer), or never valid as a destination
 * (unspecified, multicast, broadcast, reserved and documentation ranges: `0.0.0.0` and `::` even
 * reach the local machine on Linux). IPv4 written inside IPv6 (`::ffff:169.254.169.254`, and
 * NAT64's `64:ff9b::/96`, which a NAT64 gateway turns back into that IPv4 address) is judged as
 * the IPv4 address it carries.
 */
import { BlockList, isIP } from 'node:net';

/** The kinds of address, from the most to the least reachable from outside. */
export type AddressClass = 'public' | 'private' | 'loopback' | 'link-local' | 'metadata' | 'never-valid';

/** Words for each kind, for messages ("169.254.169.254, a link-local address"). */
export const ADDRESS_CLASS_WORDS: Readonly<Record<AddressClass, string>> = {
  public: 'a public address',
  private: 'a private-network address',
  loopback: 'a loopback address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata service address',
  'never-valid': 'an address that is never a valid destination (unspecified, multicast, broadcast, reserved or documentation)',
};

type Rule = readonly [network: string, prefix: number];

function blockList(family: 'ipv4' | 'ipv6', rules: readonly Rule[]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of rules) list.addSubnet(network, prefix, family);
  return list;
}

/** Checked in this order: the first list that holds the address decides. */
const IPV4: readonly (readonly [AddressClass, BlockList])[] = [
  [
    'metadata',
    blockList('ipv4', [
      ['100.100.100.200', 32], // Alibaba Cloud
      ['168.63.129.16', 32], // Azure WireServer
    ]),
  ],
  [
    'never-valid',
    blockList('ipv4', [
      ['0.0.0.0', 8],
      ['192.0.2.0', 24],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['224.0.0.0', 4], // multicast
      ['240.0.0.0', 4], // reserved, 255.255.255.255 included
    ]),
  ],
  ['loopback', blockList('ipv4', [['127.0.0.0', 8]])],
  ['link-local', blockList('ipv4', [['169.254.0.0', 16]])],
  [
    'private',
    blockList('ipv4', [
      ['10.0.0.0', 8],
      ['100.64.0.0', 10], // carrier-grade NAT
      ['172.16.0.0', 12],
      ['192.0.0.0', 24], // IETF protocol assignments
      ['192.168.0.0', 16],
      ['198.18.0.0', 15], // benchmarking networks
    ]),
  ],
];

const IPV6: readonly (readonly [AddressClass, BlockList])[] = [
  ['metadata', blockList('ipv6', [['fd00:ec2::254', 128]])], // AWS IMDS over IPv6
  ['loopback', blockList('ipv6', [['::1', 128]])],
  [
    'never-valid',
    blockList('ipv6', [
      ['::', 96], // unspecified, and the deprecated IPv4-compatible addresses
      ['100::', 64], // discard-only
      ['2001:db8::', 32], // documentation
      ['ff00::', 8], // multicast
    ]),
  ],
  ['link-local', blockList('ipv6', [['fe80::', 10]])],
  [
    'private',
    blockList('ipv6', [
      ['fc00::', 7], // unique local
      ['fec0::', 10], // deprecated site-local
      ['64:ff9b:1::', 48], // local-use NAT64
    ]),
  ],
];

/** The 8 groups of an IPv6 address (`isIP` already said it is one, zone removed). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${(((a ?? 0) << 8) | (b ?? 0)).toString(16)}:${(((c ?? 0) << 8) | (d ?? 0)).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const first = parse(head);
  if (tail === undefined) return first;
  const last = parse(tail);
  return [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

/** The IPv4 address an IPv4-mapped (`::ffff:0:0/96`) or NAT64 (`64:ff9b::/96`) address carries, else undefined. */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const prefix = groups.slice(0, 6).join(':');
  if (prefix !== '0:0:0:0:0:65535' && prefix !== '100:65435:0:0:0:0') return undefined;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** `address` without the brackets of a URL host (`[::1]`) or an IPv6 zone (`fe80::1%eth0`). */
export function bareAddress(address: string): string {
  return address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
}

/** The kind of `address` (IPv4, IPv6, bracketed or with a zone); undefined when it is not an IP address. */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = bareAddress(address);
  const family = isIP(bare);
  if (family === 4) return IPV4.find(([, list]) => list.check(bare, 'ipv4'))?.[0] ?? 'public';
  if (family !== 6) return undefined;
  const carried = embeddedIpv4(bare);
  if (carried !== undefined) return classifyAddress(carried);
  return IPV6.find(([, list]) => list.check(bare, 'ipv6'))?.[0] ?? 'public';
}
