/**
 * The connection side of the `httpClient` allow-list: a host reached through a wildcard entry
 * (`*.example.com`) must not be a loopback, private or link-local address. Checking the name's
 * addresses before the request is not enough — the name can resolve again, elsewhere, when the
 * connection is made (DNS rebinding). So those requests go through this dispatcher, whose own
 * lookup refuses a name with any such address: the address checked is the address connected to.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, type Dispatcher } from 'undici';
import { isPrivateAddress } from './http-allow-list.ts';

/** `dns.lookup` with `all: true`, or a test's stand-in. */
export type AddressLookup = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemLookup: AddressLookup = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A lookup for connections that answers only public addresses; a name with any other is an error (`EPRIVATEADDRESS`). */
export function publicAddressLookup(resolve: AddressLookup = systemLookup) {
  return (hostname: string, options: { all?: boolean | undefined }, callback: LookupCallback): void => {
    resolve(hostname, (error, addresses) => {
      if (error !== null) return callback(error, []);
      if (addresses.length === 0 || addresses.some((entry) => isPrivateAddress(entry.address))) {
        const refused: NodeJS.ErrnoException = Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATEADDRESS' });
        return callback(refused, []);
      }
      if (options.all === true) return callback(null, addresses);
      const [first] = addresses;
      return first === undefined ? callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), []) : callback(null, first.address, first.family);
    });
  };
}

let shared: Dispatcher | undefined;

/** The process's dispatcher for requests that must reach public addresses only. */
export function publicAddressDispatcher(): Dispatcher {
  shared ??= new Agent({ connect: { lookup: publicAddressLookup() } });
  return shared;
}
