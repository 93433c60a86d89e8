/**
 * The one check of every URL a browser may be sent to from Arbor (OWASP ASVS 4.0 V5.1.5): `goto`
 * and `gotoOnFail`, a Success URL node's target, the realm's `successUrl` and `externalLoginUrl`.
 * A target is allowed when it is
 * - a path on Arbor's public origin: starts with one `/` (never `//` or `/\`), resolved with the
 *   WHATWG URL parser (as browsers do) against `ARBOR_PUBLIC_URL`; answered as the normalized
 *   path, query and fragment; or
 * - an absolute `http(s)://` URL, without user info, whose origin is `ARBOR_PUBLIC_URL`'s, one of
 *   `ARBOR_CORS_ORIGINS`, or allowed by the realm's `validGotoDestinations`; answered normalized.
 * Before any parsing, a target holding a control character, a format character, a space or a
 * backslash is refused (browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil` and
 * `/\evil` would be `//evil`), and so is one that becomes such a target once percent-decoded (up
 * to three times: `/%09/evil`, `/%2F/evil`, `/%5Cevil`), for a client that decodes again.
 * Anything else (`//evil`, `https:evil`, `javascript:`, `evil.example`) is refused.
 */
import type { RealmConfig } from './realm-config.ts';
import type { ServerSettings } from './server-settings.ts';
import { FORBIDDEN_URL_CHARACTERS, matchesGotoDestination, MAX_URL_LENGTH, parseGotoDestination } from './goto-destination.ts';

/** What targets are checked against. */
export interface RedirectRules {
  /** `ARBOR_PUBLIC_URL`: relative targets resolve against it, its origin is allowed. */
  publicUrl: string;
  /** `ARBOR_CORS_ORIGINS`. */
  origins: readonly string[];
  /** The realm's `validGotoDestinations` (entries that do not parse allow nothing). */
  destinations: readonly string[];
}

/** The rules for a realm of this server. */
export function redirectRulesFor(settings: Pick<ServerSettings, 'publicUrl' | 'corsOrigins'>, realm: Pick<RealmConfig, 'validGotoDestinations'> | undefined): RedirectRules {
  return { publicUrl: settings.publicUrl, origins: settings.corsOrigins, destinations: realm?.validGotoDestinations ?? [] };
}

/** How many times a target is percent-decoded to look for a hidden `//`, `\` or control character. */
const DECODINGS = 3;

/** The target's percent-decodings (not the target itself); undefined when an escape is malformed or more remain. */
function decodings(target: string): string[] | undefined {
  const layers: string[] = [];
  let current = target;
  for (let round = 0; round <= DECODINGS && current.includes('%'); round++) {
    if (round === DECODINGS) return undefined;
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) break;
    layers.push(next);
    current = next;
  }
  return layers;
}

/** A decoded layer as a browser reads a URL: tabs and newlines dropped, leading controls and spaces trimmed. */
function asBrowserReads(layer: string): string {
  return layer.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
}

/** True when a decoded layer of a relative target would leave the origin (`//host`, `/\host`, `\host`) or hold a control or backslash. */
function escapesOrigin(layer: string): boolean {
  const read = asBrowserReads(layer);
  return /^[/\\][/\\]/.test(read) || read.startsWith('\\') || /[\p{Cc}\\]/u.test(read);
}

function allowedAbsolute(url: URL, rules: RedirectRules): boolean {
  if (url.origin === new URL(rules.publicUrl).origin || rules.origins.includes(url.origin)) return true;
  return rules.destinations.some((entry) => {
    const destination = parseGotoDestination(entry);
    return !('problem' in destination) && matchesGotoDestination(url, destination);
  });
}

/** The target as it may be answered (normalized), or undefined when it is not allowed. */
export function allowedRedirect(target: string | undefined, rules: RedirectRules): string | undefined {
  if (target === undefined || target === '' || target.length > MAX_URL_LENGTH) return undefined;
  if (FORBIDDEN_URL_CHARACTERS.test(target)) return undefined;
  const layers = decodings(target);
  if (layers === undefined) return undefined;
  if (/^\/(?![/\\])/.test(target)) {
    if (layers.some(escapesOrigin)) return undefined;
    const publicOrigin = new URL(rules.publicUrl).origin;
    let url: URL;
    try {
      url = new URL(target, publicOrigin);
    } catch {
      return undefined;
    }
    return url.origin === publicOrigin ? `${url.pathname}${url.search}${url.hash}` : undefined;
  }
  // Absolute: the scheme, then exactly `//` and a host written plainly (no user info, no escapes).
  const authority = /^https?:\/\/([^/?#\\]+)/i.exec(target);
  if (authority === null || /[@%]/.test(authority[1] ?? '')) return undefined;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return undefined;
  return allowedAbsolute(url, rules) ? url.href : undefined;
}

/** The first allowed of `targets` (normalized), else `fallback`. */
export function firstAllowedRedirect(targets: readonly (string | undefined)[], rules: RedirectRules, fallback: string): string {
  for (const target of targets) {
    const allowed = allowedRedirect(target, rules);
    if (allowed !== undefined) return allowed;
  }
  return fallback;
}
