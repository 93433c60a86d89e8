/**
 * AM's platform-node convention for identity data collected during a journey: non-secret values
 * in `shared.objectAttributes`, secrets (password, KBA answers) in `transient.objectAttributes`,
 * `/`-pathed attribute names stored nested (`preferences/updates` → `preferences.updates`).
 */
import type { JourneyStateData, PolicyRequirement } from './node-context.ts';

/** The state key both stores use. */
export const OBJECT_ATTRIBUTES = 'objectAttributes';

/** A plain JSON object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `preferences/updates` → `['preferences', 'updates']`; empty segments are dropped. */
function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Writes `value` at `path` of the shared (or, with `secret`, transient) `objectAttributes`. */
export function setObjectAttribute(state: JourneyStateData, path: string, value: unknown, options: { secret: boolean }): void {
  const store = options.secret ? state.transient : state.shared;
  const segments = segmentsOf(path);
  const last = segments.pop();
  if (last === undefined) return;
  if (!isRecord(store[OBJECT_ATTRIBUTES])) store[OBJECT_ATTRIBUTES] = {};
  let target = store[OBJECT_ATTRIBUTES] as Record<string, unknown>;
  for (const segment of segments) {
    const next = target[segment];
    if (!isRecord(next)) target[segment] = {};
    target = target[segment] as Record<string, unknown>;
  }
  target[last] = value;
}

/** Reads `path` of one `objectAttributes` object; undefined when any step is missing. */
function readPath(attributes: unknown, path: string): unknown {
  let current: unknown = attributes;
  for (const segment of segmentsOf(path)) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** The value at `path` in shared `objectAttributes`, else in transient ones. */
export function getObjectAttribute(state: JourneyStateData, path: string): unknown {
  return readPath(state.shared[OBJECT_ATTRIBUTES], path) ?? readPath(state.transient[OBJECT_ATTRIBUTES], path);
}

/** The user's identifier: `objectAttributes[identityAttribute]`, else the classic `shared.username`. */
export function identityValue(state: JourneyStateData, identityAttribute: string): string | undefined {
  const fromAttributes = getObjectAttribute(state, identityAttribute);
  if (typeof fromAttributes === 'string' && fromAttributes !== '') return fromAttributes;
  const username = state.shared['username'];
  return typeof username === 'string' && username !== '' ? username : undefined;
}

/** Deep merge of `overlay` over `base` (objects merged, anything else replaced); inputs untouched. */
function deepMerge(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const existing = merged[key];
    merged[key] = isRecord(existing) && isRecord(value) ? deepMerge(existing, value) : value;
  }
  return merged;
}

/** The object Create/Patch Object would build: shared `objectAttributes` merged with transient ones. */
export function mergedObjectAttributes(state: JourneyStateData): Record<string, unknown> {
  const shared = state.shared[OBJECT_ATTRIBUTES];
  const transient = state.transient[OBJECT_ATTRIBUTES];
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
