/**
 * Removes every private or secret value from a state before it is audited: properties whose name
 * says they hold a password, a hash, a secret, a private key, a token, a salt or seed, or a
 * security answer are dropped, at any depth (arrays included). Hostile input: only own properties
 * are read, depth and size are bounded (deeper values become `"[truncated]"`).
 */

const SECRET_NAME = /pass(word|phrase|wd)?$|^password|hash|secret|private|token|salt|seed|answer|credential|^otp|^pin$|^key$|^k$|^d$|^p$|^q$|^dp$|^dq$|^qi$/i;

/** Names of properties that are dropped whatever their value (device and key material). */
const ALWAYS_DROPPED = new Set(['_meta', 'kbaInfo_hashed', 'jwk', 'privateJwk', 'sealed', 'sealedSecret', 'recoveryCodes']);

const MAX_DEPTH = 12;
const MAX_ENTRIES = 500;

/** True when a property named `name` holds a secret and never appears in an audit event. */
export function isSecretName(name: string): boolean {
  return ALWAYS_DROPPED.has(name) || SECRET_NAME.test(name);
}

function redact(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, MAX_ENTRIES).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const name of Object.keys(value)) {
    if (count >= MAX_ENTRIES) break;
    if (isSecretName(name) || name === '__proto__' || name === 'constructor' || name === 'prototype') continue;
    const descriptor = Object.getOwnPropertyDescriptor(value, name);
    if (descriptor === undefined || !('value' in descriptor)) continue;
    const cleaned = redact(descriptor.value, depth + 1);
    if (cleaned !== undefined) out[name] = cleaned;
    count += 1;
  }
  return out;
}

/** A copy of `value` without its secrets. */
export function redactSecrets<T>(value: T): T extends Record<string, unknown> ? Record<string, unknown> : unknown;
export function redactSecrets(value: unknown): unknown {
  return redact(value, 0);
}

/** A copy of an object without its secrets. */
export function redactObject(value: Record<string, unknown>): Record<string, unknown> {
  const cleaned = redact(value, 0);
  return cleaned !== null && typeof cleaned === 'object' && !Array.isArray(cleaned) ? (cleaned as Record<string, unknown>) : {};
}
