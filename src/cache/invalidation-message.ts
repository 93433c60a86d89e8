/**
 * The wire form of one cache invalidation between Arbor processes: a small JSON object naming the
 * process that sent it (`o`, so a process ignores its own), and either a kind and key (`k`, `key`)
 * or `all` (drop everything). What arrives is read as hostile: another shape, an unknown kind, an
 * over-long key or payload is refused (undefined), never thrown.
 */
import type { CacheKind } from './cache-invalidation.ts';
import { CACHE_KINDS } from './cache-invalidation.ts';

/** Payloads are at most this long (PostgreSQL's NOTIFY takes under 8,000 bytes). */
export const MAX_INVALIDATION_PAYLOAD = 4000;

/** What one message says. */
export type InvalidationMessage = { origin: string; kind: CacheKind; key: string } | { origin: string; all: true };

const isKind = (value: unknown): value is CacheKind => typeof value === 'string' && (CACHE_KINDS as readonly string[]).includes(value);

/** The payload of `message`; undefined when it would be too long (send `all` instead). */
export function encodeInvalidation(message: InvalidationMessage): string | undefined {
  const payload = 'all' in message ? JSON.stringify({ o: message.origin, all: true }) : JSON.stringify({ o: message.origin, k: message.kind, key: message.key });
  return Buffer.byteLength(payload, 'utf8') <= MAX_INVALIDATION_PAYLOAD ? payload : undefined;
}

/** The message in `payload`, or undefined when it is not one. */
export function decodeInvalidation(payload: string): InvalidationMessage | undefined {
  if (payload.length > MAX_INVALIDATION_PAYLOAD) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const own = (name: string): unknown => (Object.hasOwn(parsed, name) ? (parsed as Record<string, unknown>)[name] : undefined);
  const origin = own('o');
  if (typeof origin !== 'string' || origin === '' || origin.length > 100) return undefined;
  if (own('all') === true) return { origin, all: true };
  const kind = own('k');
  const key = own('key');
  if (!isKind(kind) || typeof key !== 'string') return undefined;
  return { origin, kind, key };
}
