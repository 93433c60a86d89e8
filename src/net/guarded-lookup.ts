/**
 * The `lookup` of an outbound connection under `ARBOR_OUTBOUND_NETWORKS`: the host name is
 * resolved with `dns.lookup` (the system's resolver, the hosts file included), and a name with even
 * one address the policy does not allow is refused with an `OutboundAddressError` before a socket is
 * opened. Node connects to the addresses this lookup answers and to no other, so the address
 * judged is the address connected to: a name that resolved to a public address a moment ago and to
 * `127.0.0.1` now (DNS rebinding) is refused. Every address counts, not only the first, since a
 * connection may try each of them (`autoSelectFamily`). An IP literal in a URL is connected to
 * without a lookup: callers judge it with `literalHostRefusal` first.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { type OutboundNetworks, outboundRefusal } from './outbound-networks.ts';

/** Resolves every address of a host name (`dns.lookup` with `all: true`, or a test's stand-in). */
export type AddressResolver = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: AddressResolver = (hostname, options, callback) => dnsLookup(hostname, { ...options, all: true }, callback);

/** A `lookup` for `net`/`http`/`https` (and undici's `connect`) that refuses the addresses `networks` does not allow. */
export function guardedLookup(networks: OutboundNetworks, resolve: AddressResolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, addresses) => {
      if (error !== null) return callback(error, options.all === true ? [] : '');
      const refusal = addresses.map((entry) => outboundRefusal(networks, hostname, entry.address)).find((found) => found !== undefined);
      if (refusal !== undefined) return callback(refusal, options.all === true ? [] : '');
      const [first] = addresses;
      if (first === undefined) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), options.all === true ? [] : '');
      if (options.all === true) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}
