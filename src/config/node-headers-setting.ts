/**
 * `ARBOR_NODE_HEADERS`: the request headers journey nodes may read (`RequestFacts.headers`), as a
 * comma-separated list of names. Nodes never see the others: credentials and session tokens in
 * particular can never be listed (cookies, `Authorization`, the zero-page and IDM password
 * headers, the session header, anything named like a password, secret, token or key), and
 * `X-Forwarded-*` / `Forwarded` reach nodes only when Arbor trusts its proxy (`ARBOR_TRUST_PROXY`),
 * since any client can write them otherwise.
 */

/** What nodes see when the variable is unset: enough for localization and device hints, nothing that authenticates. */
export const DEFAULT_NODE_HEADERS: readonly string[] = ['accept-language', 'user-agent', 'x-forwarded-for'];

/** Headers that carry credentials or session tokens: never given to nodes. */
const NEVER = new Set([
  'cookie',
  'cookie2',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-openam-password',
  'x-openidm-password',
  'x-openidm-reauth-password',
]);

/** Names that look like they carry a secret. */
const SECRET_LOOKING = /password|passwd|secret|token|session|cookie|api-?key|credential/;

/** Why a header (lower-case) can never be given to nodes, or undefined when it may be. */
export function forbiddenNodeHeader(name: string, sessionHeader: string): string | undefined {
  if (NEVER.has(name)) return 'it carries credentials';
  if (name === sessionHeader.toLowerCase()) return 'it carries the session token (ARBOR_COOKIE_NAME)';
  if (SECRET_LOOKING.test(name)) return 'its name says it carries a secret';
  return undefined;
}

/** True for headers a client can forge unless a trusted proxy sets them. */
export function isForwardingHeader(name: string): boolean {
  return name === 'forwarded' || name.startsWith('x-forwarded-') || name === 'x-real-ip';
}

/**
 * Parses `raw` (unset or empty: the default). Returns the lower-cased names, or the message of
 * the first problem (a malformed or forbidden name).
 */
export function parseNodeHeaders(raw: string | undefined, sessionHeader: string): { headers: string[] } | { problem: string } {
  if (raw === undefined || raw.trim() === '') return { headers: [...DEFAULT_NODE_HEADERS] };
  const names = raw.split(',').map((item) => item.trim().toLowerCase());
  for (const name of names) {
    if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return { problem: `ARBOR_NODE_HEADERS: "${name}" is not a header name (write names separated by commas)` };
    const reason = forbiddenNodeHeader(name, sessionHeader);
    if (reason !== undefined) return { problem: `ARBOR_NODE_HEADERS cannot list ${name}: ${reason}, and nodes never see it` };
  }
  return { headers: [...new Set(names)] };
}
