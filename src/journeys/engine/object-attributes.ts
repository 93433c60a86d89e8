/**
 * AM's platform-node convention for identity data collected during a journey: non-secret values
 * in `shared.objectAttributes`, secrets (password, KBA answers) in `transient.objectAttributes`,
 * `/`-pathed attribute names stored nested (`preferences/updates` → `preferences.updates`).
 * Paths come from node configuration: they are read and written through own properties only, and
 * a `__proto__`, `constructor` or `prototype` segment is a broken tree (TREE_INVALID), never a
 * write into an object's prototype.
 */
import { ownValue } from '../../json/own-value.ts';
import { isUnsafeKey } from '../../json/unsafe-keys.ts';
import { journeyError } from './errors.ts';
import type { JourneyStateData, PolicyRequirement } from './node-context.ts';

/** The state key both stores use. */
export const OBJECT_ATTRIBUTES = 'objectAttributes';

/** A plain JSON object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `preferences/updates` → `['preferences', 'updates']`; empty segments are dropped. TREE_INVALID for an unsafe segment. */
function segmentsOf(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '');
  const unsafe = segments.find(isUnsafeKey);
  if (unsafe !== undefined) throw journeyError('TREE_INVALID', `The attribute "${path}" has the segment "${unsafe}", which names no property`);
  return segments;
}

/** The object at own property `key` of `parent`, replacing whatever else was there with a new one. */
function childObject(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = ownValue(parent, key);
  if (isRecord(existing)) return existing;
  const created: Record<string, unknown> = {};
  parent[key] = created;
  return created;
}

/** Writes `value` at `path` of the shared (or, with `secret`, transient) `objectAttributes`. */
export function setObjectAttribute(state: JourneyStateData, path: string, value: unknown, options: { secret: boolean }): void {
  const store = options.secret ? state.transient : state.shared;
  const segments = segmentsOf(path);
  const last = segments.pop();
  if (last === undefined) return;
  let target = childObject(store, OBJECT_ATTRIBUTES);
  for (const segment of segments) target = childObject(target, segment);
  target[last] = value;
}

/** Reads `path` of one `objectAttributes` object; undefined when any step is missing. */
function readPath(attributes: unknown, path: string): unknown {
  let current: unknown = attributes;
  for (const segment of segmentsOf(path)) {
    if (!isRecord(current)) return undefined;
    current = ownValue(current, segment);
  }
  return current;
}

/** The value at `path` in shared `objectAttributes`, else in transient ones. */
export function getObjectAttribute(state: JourneyStateData, path: string): unknown {
  return readPath(ownValue(state.shared, OBJECT_ATTRIBUTES), path) ?? readPath(ownValue(state.transient, OBJECT_ATTRIBUTES), path);
}

/** The user's identifier: `objectAttributes[identityAttribute]`, else the classic `shared.username`. */
export function identityValue(state: JourneyStateData, identityAttribute: string): string | undefined {
  const fromAttributes = getObjectAttribute(state, identityAttribute);
  if (typeof fromAttributes === 'string' && fromAttributes !== '') return fromAttributes;
  const username = state.shared['username'];
  return typeof username === 'string' && username !== '' ? username : undefined;
}

/**
 * Deep merge of `overlay` over `base` (objects merged, anything else replaced); inputs untouched.
 * Own properties only; an unsafe key of `overlay` is skipped (it names no attribute).
 */
function deepMerge(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (isUnsafeKey(key)) continue;
    const existing = ownValue(merged, key);
    merged[key] = isRecord(existing) && isRecord(value) ? deepMerge(existing, value) : value;
  }
  return merged;
}

/** The object Create/Patch Object would build: shared `objectAttributes` merged with transient ones. */
export function mergedObjectAttributes(state: JourneyStateData): Record<string, unknown> {
  const shared = ownValue(state.shared, OBJECT_ATTRIBUTES);
  const transient = ownValue(state.transient, OBJECT_ATTRIBUTES);
  return deepMerge(isRecord(shared) ? shared : {}, isRecord(transient) ? transient : {});
}

/**
 * Failed requirements as validated callbacks carry them: one JSON string each,
 * `{"params":{…},"policyRequirement":"…"}`, `params` left out when absent.
 */
export function formatFailedPolicies(failures: readonly PolicyRequirement[]): string[] {
  return failures.map((failure) =>
    JSON.stringify(
      failure.params === undefined
        ? { policyRequirement: failure.policyRequirement }
        : { params: failure.params, policyRequirement: failure.policyRequirement },
    ),
  );
}
