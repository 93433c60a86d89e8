/**
 * `ARBOR_OUTBOUND_NETWORKS`: which addresses Arbor may connect to when it calls a URL that an
 * administrator configured (a social provider's discovery document, token, userinfo and JWKS
 * endpoints, a CAPTCHA verify URL, an SMS webhook, a script's `httpClient`). Realm administrators
 * write those URLs; without a limit they could make Arbor reach what only the operator should: the
 * cloud metadata service, Arbor's own loopback port, a database on the private network (server-side
 * request forgery).
 *
 * - `all-but-link-local` (the default): everything except link-local and cloud metadata addresses
 *   and addresses that are never a valid destination. Loopback and private networks stay
 *   reachable, for development and for providers on the company network.
 * - `public`: public addresses only (production, when realm administrators are not fully trusted).
 * - `all`: no limit.
 *
 * The address judged is the one connected to (`guarded-lookup.ts`), after DNS, so a host name
 * pointing at `127.0.0.1`, or one that resolves elsewhere the second time (DNS rebinding), is
 * refused as the address itself would be.
 */
import { ADDRESS_CLASS_WORDS, type AddressClass, bareAddress, classifyAddress } from './address-class.ts';

/** The variable. */
export const OUTBOUND_NETWORKS_VARIABLE = 'ARBOR_OUTBOUND_NETWORKS';

/** The policies, as written in the variable. */
export const OUTBOUND_NETWORKS = ['all-but-link-local', 'public', 'all'] as const;

/** A policy. */
export type OutboundNetworks = (typeof OUTBOUND_NETWORKS)[number];

/** When the variable is unset. */
export const DEFAULT_OUTBOUND_NETWORKS: OutboundNetworks = 'all-but-link-local';

const ALLOWED: Readonly<Record<OutboundNetworks, ReadonlySet<AddressClass>>> = {
  'all-but-link-local': new Set(['public', 'private', 'loopback']),
  public: new Set(['public']),
  all: new Set(['public', 'private', 'loopback', 'link-local', 'metadata', 'never-valid']),
};

/** The variable's policy (unset or empty: the default; case and spaces do not matter), or the problem, naming the variable. */
export function parseOutboundNetworks(raw: string | undefined): { networks: OutboundNetworks } | { problem: string } {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return { networks: DEFAULT_OUTBOUND_NETWORKS };
  const known = OUTBOUND_NETWORKS.find((networks) => networks === value);
  if (known !== undefined) return { networks: known };
  return { problem: `${OUTBOUND_NETWORKS_VARIABLE} must be all-but-link-local, public or all, got "${raw}"` };
}

/**
 * An outbound connection refused by the policy. The message names the host and the kind of address
 * (the address itself when the URL held it): a name's DNS answer is not told, since the message
 * reaches realm administrators (a provider form, a script's error) who should not map the internal
 * network by asking; `address` keeps it for the code.
 */
export class OutboundAddressError extends Error {
  readonly code = 'OUTBOUND_ADDRESS_REFUSED';
  readonly host: string;
  readonly address: string;
  readonly addressClass: AddressClass;
  constructor(host: string, address: string, addressClass: AddressClass, networks: OutboundNetworks) {
    const words = ADDRESS_CLASS_WORDS[addressClass];
    const subject = bareAddress(host) === address ? `${address} is ${words}` : `${host} resolves to ${words}`;
    super(`${subject}, which ${OUTBOUND_NETWORKS_VARIABLE}=${networks} does not allow`);
    this.name = 'OutboundAddressError';
    this.host = host;
    this.address = address;
    this.addressClass = addressClass;
  }
}

/** True when `value` is a refusal of the policy. */
export function isOutboundAddressError(value: unknown): value is OutboundAddressError {
  return value instanceof OutboundAddressError;
}

/**
 * The refusal of connecting to `address` (which `host` named or resolved to) under `networks`, or
 * undefined when it is allowed. Something that is not an IP address is refused unless the policy is `all`.
 */
export function outboundRefusal(networks: OutboundNetworks, host: string, address: string): OutboundAddressError | undefined {
  if (networks === 'all') return undefined;
  const kind = classifyAddress(address) ?? 'never-valid';
  return ALLOWED[networks].has(kind) ? undefined : new OutboundAddressError(host, bareAddress(address), kind, networks);
}

/**
 * The refusal for a URL host that is an IP literal (`169.254.169.254`, `[::1]`), which connections
 * reach without a lookup; undefined for an allowed literal or a host name (judged when it is looked up).
 */
export function literalHostRefusal(networks: OutboundNetworks, hostname: string): OutboundAddressError | undefined {
  return classifyAddress(hostname) === undefined ? undefined : outboundRefusal(networks, hostname, hostname);
}
