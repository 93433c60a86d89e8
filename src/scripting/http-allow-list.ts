/**
 * The realm's `scripting.httpAllowList`: which hosts a script's `httpClient` may reach. An entry is
 * a host (`api.example.com`, `127.0.0.1`, `[::1]`) or a wildcard over sub-domains
 * (`*.example.com`, which does not match `example.com` itself), with an optional `:port` (any port
 * when absent). Loopback, private and link-local addresses are reached only through an entry that
 * names the host exactly, never through a wildcard.
 */
import { BlockList, isIP } from 'node:net';

/** The entry that lets a URL through. */
export interface AllowListMatch {
  entry: string;
  /** True when the entry names the host itself (not a wildcard). */
  exact: boolean;
}

function defaultPort(url: URL): string {
  if (url.port !== '') return url.port;
  return url.protocol === 'https:' ? '443' : '80';
}

function splitEntry(entry: string): { host: string; port: string | undefined } {
  const trimmed = entry.trim().toLowerCase();
  const match = /^(.*?)(?::(\d{1,5}))?$/.exec(trimmed);
  const host = match?.[1] ?? trimmed;
  // `::1` without brackets has colons of its own: then the whole entry is the host.
  if (host.includes(':') && !host.startsWith('[')) return { host: trimmed, port: undefined };
  return { host, port: match?.[2] };
}

/** The allow-list entry `url` matches, or undefined (only http and https URLs can match). */
export function matchAllowList(url: URL, allowList: readonly string[]): AllowListMatch | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  const port = defaultPort(url);
  for (const entry of allowList) {
    const wanted = splitEntry(entry);
    if (wanted.port !== undefined && wanted.port !== port) continue;
    if (wanted.host === host) return { entry, exact: true };
    if (wanted.host.startsWith('*.') && host.endsWith(wanted.host.slice(1)) && host.length > wanted.host.length - 1) return { entry, exact: false };
  }
  return undefined;
}

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** True for loopback, private, link-local and unspecified addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1] !== undefined) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 4) return PRIVATE.check(bare, 'ipv4');
  if (family === 6) return PRIVATE.check(bare, 'ipv6');
  return false;
}
