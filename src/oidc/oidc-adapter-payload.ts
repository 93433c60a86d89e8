/**
 * The edge between `oidc-provider`'s payloads and stored text: payloads encoded as JSON within the
 * size limit, stored text read back only when it is a JSON object, and ids, user codes and uids
 * reduced to a fixed-length hash before they become keys (so any string a client sends is a safe,
 * short key, and keys never hold a token's value).
 */
import { createHash } from 'node:crypto';
import type { AdapterPayload } from 'oidc-provider';
import { isJsonObject } from '../json/is-json-object.ts';
import { oidcAdapterError } from './oidc-adapter-errors.ts';
import { OIDC_MAX_PAYLOAD_CHARS } from './oidc-adapter-models.ts';

/** The SHA-256 of `value`, base64url: the key form of ids, user codes and uids. */
export function keyHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/** The payload's JSON text; OIDC_PAYLOAD_INVALID when it is too large or not JSON. */
export function payloadText(model: string, payload: AdapterPayload): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(payload);
  } catch {
    text = undefined;
  }
  if (text === undefined || !text.startsWith('{')) throw oidcAdapterError('OIDC_PAYLOAD_INVALID', `a ${model} payload is not a JSON object`);
  if (text.length > OIDC_MAX_PAYLOAD_CHARS) throw oidcAdapterError('OIDC_PAYLOAD_INVALID', `a ${model} payload is larger than ${OIDC_MAX_PAYLOAD_CHARS} characters`);
  return text;
}

/** The JSON object `text` holds, or undefined (stored text that is not one is treated as absent). */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The payload's own string property `name`, or undefined. */
export function ownString(payload: Record<string, unknown>, name: string): string | undefined {
  if (!Object.hasOwn(payload, name)) return undefined;
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

/** A JSON object read back as the provider's payload type (every field of AdapterPayload is optional). */
export function asPayload(object: Record<string, unknown>): AdapterPayload {
  return object;
}
