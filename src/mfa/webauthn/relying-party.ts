/**
 * The WebAuthn relying party of a realm: its id (the domain credentials are bound to) and the
 * origins whose pages may run ceremonies. By default the id is the host of the server's public URL
 * (`ARBOR_PUBLIC_URL`) and the only origin is that URL's origin; a node's `relyingPartyDomain` and
 * `origins` override them, as in AM.
 */

/** The relying party a ceremony is checked against. */
export interface RelyingParty {
  /** The rp id: a host name without port (`example.com`, `localhost`). */
  id: string;
  /** Accepted `clientDataJSON.origin` values (`https://login.example.com`). */
  origins: string[];
}

/** What a node's config may override (AM's `relyingPartyDomain`, `origins`). */
export interface RelyingPartyOverrides {
  relyingPartyDomain?: string | undefined;
  origins?: readonly string[] | undefined;
}

/** The origin of `url` (scheme, host, port), undefined when it is no http(s) URL. */
function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.origin;
  } catch {
    return undefined;
  }
}

/** The realm's relying party under `publicUrl`, with the node's overrides. */
export function relyingPartyFor(publicUrl: string, overrides: RelyingPartyOverrides = {}): RelyingParty {
  const base = new URL(publicUrl);
  const domain = overrides.relyingPartyDomain?.trim();
  const id = domain !== undefined && domain !== '' ? domain.toLowerCase() : base.hostname;
  const configured = (overrides.origins ?? []).map((origin) => originOf(origin.trim())).filter((origin): origin is string => origin !== undefined);
  return { id, origins: configured.length > 0 ? [...new Set(configured)] : [base.origin] };
}
