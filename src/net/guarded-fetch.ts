/**
 * A `fetch` that connects only where `ARBOR_OUTBOUND_NETWORKS` allows: an IP literal in the URL is
 * judged before anything is sent, and a host name when its connection is made, through an undici
 * `Agent` whose `lookup` is `guardedLookup` (the address checked is the address connected to). A
 * refusal rejects with the `OutboundAddressError` itself, not fetch's bare "fetch failed", so
 * callers can say why. A request that brings its own `dispatcher` (a script's wildcard allow-list
 * entry, public addresses only) keeps it: the IP literal is still judged.
 */
import { Agent } from 'undici';
import { guardedLookup } from './guarded-lookup.ts';
import { isOutboundAddressError, literalHostRefusal, type OutboundNetworks } from './outbound-networks.ts';

function urlOf(input: Parameters<typeof fetch>[0]): URL | undefined {
  const text = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return URL.canParse(text) ? new URL(text) : undefined;
}

/** `base` (the global `fetch` by default) limited to the addresses `networks` allows; `base` itself when the policy is `all`. */
export function guardedFetch(networks: OutboundNetworks, base: typeof fetch = fetch): typeof fetch {
  if (networks === 'all') return base;
  let dispatcher: Agent | undefined;
  return async (input, init) => {
    const url = urlOf(input);
    const refusal = url === undefined ? undefined : literalHostRefusal(networks, url.hostname);
    if (refusal !== undefined) throw refusal;
    const given = init !== undefined && Object.hasOwn(init, 'dispatcher');
    // Made on first use: most services built with a guarded fetch never send anything.
    dispatcher ??= new Agent({ connect: { lookup: guardedLookup(networks) } });
    // undici's `dispatcher` is not in the DOM's RequestInit type; Node's fetch reads it.
    const guarded = { ...init, dispatcher };
    try {
      return await base(input, given ? init : guarded);
    } catch (error) {
      const cause = error instanceof Error ? error.cause : undefined;
      if (isOutboundAddressError(cause)) throw cause;
      throw error;
    }
  };
}
