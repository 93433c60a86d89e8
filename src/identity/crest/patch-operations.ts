/**
 * CREST PATCH bodies: a JSON array of `{operation, field, value?, from?}` applied in order.
 * Parsed and checked here (400 naming the bad operation); applied by `apply-patch.ts`.
 */
import { describeUnsafeKey, findUnsafeKey } from '../../json/unsafe-keys.ts';
import { crestError } from './errors.ts';
import type { Pointer } from './json-pointer.ts';
import { isJsonObject, parsePointer } from './json-pointer.ts';

/** The operations IDM supports on managed objects (`transform` is config-only in IDM). */
export const PATCH_OPERATIONS = ['add', 'remove', 'replace', 'increment', 'copy', 'move'] as const;

/** One of `PATCH_OPERATIONS`. */
export type PatchOperationName = (typeof PATCH_OPERATIONS)[number];

/** A checked patch operation; `hasValue` distinguishes an absent `value` from `null`. */
export interface PatchOperation {
  operation: PatchOperationName;
  field: Pointer;
  /** The `field` as the client wrote it, for messages. */
  fieldText: string;
  value: unknown;
  hasValue: boolean;
  /** Source of `copy` and `move`. */
  from?: Pointer;
}

// Names the server owns: a patch may not touch them.
const SERVER_FIELDS = new Set(['_id', '_rev', '_meta']);

function pointerOf(raw: Record<string, unknown>, key: 'field' | 'from', index: number): Pointer {
  const text = raw[key];
  if (typeof text !== 'string') throw crestError('BAD_REQUEST', `Patch operation ${index}: "${key}" must be a string JSON pointer`);
  const pointer = parsePointer(text, `patch ${key}`);
  if (SERVER_FIELDS.has(pointer[0] ?? '')) throw crestError('BAD_REQUEST', `Patch operation ${index}: ${text} is maintained by the server and cannot be patched`);
  return pointer;
}

function parseOne(entry: unknown, index: number): PatchOperation {
  if (!isJsonObject(entry)) throw crestError('BAD_REQUEST', `Patch operation ${index} must be a JSON object`);
  const name = entry.operation;
  if (name === 'transform') throw crestError('BAD_REQUEST', `Patch operation ${index}: "transform" is supported only on the config endpoint`);
  const operation = PATCH_OPERATIONS.find((candidate) => candidate === name);
  if (operation === undefined) throw crestError('BAD_REQUEST', `Patch operation ${index}: unknown operation ${JSON.stringify(name)}; use ${PATCH_OPERATIONS.join(', ')}`);
  const field = pointerOf(entry, 'field', index);
  const hasValue = Object.hasOwn(entry, 'value');
  const unsafe = findUnsafeKey(entry.value);
  if (unsafe !== undefined) throw crestError('BAD_REQUEST', `Patch operation ${index} (${operation} ${String(entry.field)}): ${describeUnsafeKey(unsafe)}`);
  const parsed: PatchOperation = { operation, field, fieldText: String(entry.field), value: entry.value, hasValue };
  if (operation === 'copy' || operation === 'move') {
    parsed.from = pointerOf(entry, 'from', index);
  } else if (!hasValue && operation !== 'remove') {
    throw crestError('BAD_REQUEST', `Patch operation ${index} (${operation} ${parsed.fieldText}) needs a "value"`);
  }
  if (operation === 'increment' && (typeof entry.value !== 'number' || !Number.isFinite(entry.value))) {
    throw crestError('BAD_REQUEST', `Patch operation ${index} (increment ${parsed.fieldText}): "value" must be a number`);
  }
  const last = field[field.length - 1];
  if (last === '-' && operation !== 'add' && operation !== 'copy') {
    throw crestError('BAD_REQUEST', `Patch operation ${index}: "-" (end of list) is only valid for add and copy, not ${operation} ${parsed.fieldText}`);
  }
  if (field.slice(0, -1).includes('-') || parsed.from?.includes('-') === true) {
    throw crestError('BAD_REQUEST', `Patch operation ${index}: "-" may only end the target field`);
  }
  return parsed;
}

/** Checks a PATCH body into operations; BAD_REQUEST names the first bad one. */
export function parsePatchOperations(body: unknown): PatchOperation[] {
  if (!Array.isArray(body)) throw crestError('BAD_REQUEST', 'The patch request body must be a JSON array of patch operations');
  return body.map((entry, index) => parseOne(entry, index));
}
