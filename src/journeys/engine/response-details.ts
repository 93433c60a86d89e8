/**
 * What Set Success Details and Set Failure Details nodes add to a journey's final answer, kept in
 * shared state (so that it flows back out of inner trees, as AM's tree hooks do) under keys of
 * Arbor's own that no AM node writes. The success answer gets the details as top-level fields
 * (never overriding `tokenId`, `successUrl` or `realm`); the failure answer gets them in its
 * `detail`, beside `failureUrl`, and the custom message replaces "Login failure".
 */

/** Shared state key of the success details (a JSON object). */
export const SUCCESS_DETAILS_KEY = '_successDetails';

/** Shared state key of the failure details (`{message?, details}`). */
export const FAILURE_DETAILS_KEY = '_failureDetails';

/** Fields of the success answer that details never replace (AM refuses them as keys). */
export const RESERVED_SUCCESS_FIELDS: ReadonlySet<string> = new Set(['tokenId', 'successUrl', 'realm']);

/** Fields of the failure `detail` that details never replace. */
const RESERVED_FAILURE_FIELDS: ReadonlySet<string> = new Set(['failureUrl']);

/**
 * A configured detail value as AM writes it to the answer: JSON when the text is a JSON object,
 * array, number or boolean (`true` → `true`, `{"a":1}` → `{a:1}`), the text itself otherwise.
 */
export function detailValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return text;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return parsed === null ? text : parsed;
  } catch {
    return text;
  }
}

function plainObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

function ownFields(value: unknown, reserved: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const object = plainObject(value);
  if (object === undefined) return out;
  for (const key of Object.keys(object)) {
    if (!Object.hasOwn(object, key) || reserved.has(key) || key === '__proto__') continue;
    out[key] = object[key];
  }
  return out;
}

/** The success details the journey's nodes set (empty when none). */
export function successDetailsOf(shared: Record<string, unknown>): Record<string, unknown> {
  return ownFields(shared[SUCCESS_DETAILS_KEY], RESERVED_SUCCESS_FIELDS);
}

/** The failure message and details the journey's nodes set. */
export function failureDetailsOf(shared: Record<string, unknown>): { message?: string; details: Record<string, unknown> } {
  const stored = plainObject(shared[FAILURE_DETAILS_KEY]);
  if (stored === undefined) return { details: {} };
  const message = stored['message'];
  const details = ownFields(stored['details'], RESERVED_FAILURE_FIELDS);
  return typeof message === 'string' && message !== '' ? { message, details } : { details };
}
