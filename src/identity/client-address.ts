/**
 * The client address throttling counts by: an IPv4 address as is (an IPv4-mapped IPv6 address
 * as its IPv4 address), an IPv6 address by its /64 prefix, since one subscriber commonly holds a
 * whole /64 and could otherwise move to a fresh address for every attempt. Anything else (a test
 * double's empty address) is used as given.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The 8 groups of an IPv6 address (zone removed), or undefined when it has an embedded IPv4 tail. */
function ipv6Groups(address: string): string[] | undefined {
  const [head = '', tail] = address.split('%')[0]?.toLowerCase().split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  if ([...left, ...right].some((group) => group.includes('.'))) return undefined;
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}

/** The key of `ip` for throttling (see the file comment). */
export function clientAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] !== undefined && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(ip)) return ip;
  const bare = ip.split('%')[0] ?? ip;
  if (!isIPv6(bare)) return ip;
  const groups = ipv6Groups(bare);
  return groups === undefined ? bare.toLowerCase() : `${groups.slice(0, 4).join(':')}::/64`;
}
