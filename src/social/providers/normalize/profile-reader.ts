/** Reads a raw profile from a provider (hostile JSON): own properties only, texts bounded. */

const MAX_VALUE = 2048;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` (property names, or list indexes), own properties only. */
export function at(raw: unknown, ...path: (string | number)[]): unknown {
  let value: unknown = raw;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[step];
    } else {
      if (!isRecord(value) || !Object.hasOwn(value, step)) return undefined;
      value = value[step];
    }
  }
  return value;
}

/** A text value: strings (trimmed, non-empty, bounded) and whole numbers (GitHub's numeric `id`). */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > MAX_VALUE ? undefined : trimmed;
}

/** A boolean claim (`true`, or the text `"true"` some providers send). */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
